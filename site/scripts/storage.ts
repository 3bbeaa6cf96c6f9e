import type { RememberedUser } from '#core/user.ts';

/**
 * Everything the site keeps in localStorage, under one set of keys. (Progress events live in
 * IndexedDB: see outbox.ts.) Reads never throw: a corrupt or missing value reads as empty.
 */
export const STORAGE_KEYS = {
  /** Who is signed in on this device, for offline pages (the session cookie is HttpOnly). */
  user: 'accord.user',
  /** The server's last known view of the learner's lessons, for offline pages. */
  progress: 'accord.progress',
  /** The last language the reader chose; the home page sends them to it. */
  locale: 'accord.locale',
} as const;

function readJson<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}

export const rememberedUser = () => readJson<RememberedUser | null>(STORAGE_KEYS.user, null);
export function rememberUser(user: RememberedUser | null) {
  if (user) localStorage.setItem(STORAGE_KEYS.user, JSON.stringify({ id: user.id, name: user.name, role: user.role }));
  else localStorage.removeItem(STORAGE_KEYS.user);
}

export const readProgressCache = <T>() => readJson<Record<string, T>>(STORAGE_KEYS.progress, {});
export const writeProgressCache = (value: unknown) => localStorage.setItem(STORAGE_KEYS.progress, JSON.stringify(value));

export const rememberLocale = (code: string) => localStorage.setItem(STORAGE_KEYS.locale, code);

/** Signing out forgets who was signed in and their cached progress (not unsent events). */
export function forgetSignedInUser() {
  localStorage.removeItem(STORAGE_KEYS.user);
  localStorage.removeItem(STORAGE_KEYS.progress);
}
