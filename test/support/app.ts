import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { AppDeps } from '../../api/context.ts';
import { drizzleFor } from '../../api/db/client.ts';
import { connectNode } from '../../api/db/node-client.ts';
import { migrateDatabase } from '../../api/db/migrate.ts';
import { indexManifest, type Manifest } from '#core/curriculum/manifest.ts';
import type { Role } from '#core/user.ts';
import type { ScryptParams } from '../../api/auth/password.ts';
import { createUser } from '../../api/auth/users.ts';
import type { IssuerConfig } from '../../api/certification/issuing.ts';
import { generateIssuerKey } from '#core/credentials/keys.ts';

export const ORIGIN = 'http://localhost:4321';
/** Cheap scrypt for tests only; hashes carry their parameters, so verification is the same code. */
export const TEST_SCRYPT: ScryptParams = { log2N: 10, r: 8, p: 1 };

export function loadManifest(): Manifest {
  return JSON.parse(readFileSync('generated/manifest.json', 'utf8')) as Manifest;
}

/**
 * The real app on a real database: in-memory libSQL by default, or the project's sqld when the
 * vitest project provides `databaseUrl` (the same suite runs against both).
 */
/** One signing key per test process, like one deployment's. */
let testIssuer: Promise<IssuerConfig> | undefined;

export async function makeTestApp(overrides: Partial<AppDeps> = {}) {
  let url = ':memory:';
  try {
    url = inject('databaseUrl') ?? ':memory:';
  } catch {
    /* not provided: in-memory */
  }
  const client = connectNode(url);
  const db = drizzleFor(client);
  if (url === ':memory:') await migrateDatabase(db);
  const manifest = loadManifest();
  testIssuer ??= generateIssuerKey().then((key) => ({ key, previous: [], name: 'Accord (test)' }));
  const app = createApp({
    db,
    issuer: await testIssuer,
    curriculum: indexManifest(manifest),
    publicOrigin: ORIGIN,
    version: 'test',
    passwordParams: TEST_SCRYPT,
    authRateLimit: { limit: 10_000, windowMs: 60_000 },
    log: () => undefined,
    ...overrides,
  });
  /** A tiny cookie-keeping client, like a browser on the site's origin; each has its own cookie jar. */
  const browser = (cookies = new Map<string, string>()) => ({
    cookies,
    call: (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => request(cookies, method, path, body, headers),
  });

  async function request(cookies: Map<string, string>, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = {
      method,
      headers: {
        origin: ORIGIN,
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
    };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await app.request(`${ORIGIN}${path}`, init);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (!name) continue;
      if (!value || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, json, headers: response.headers, text };
  }

  const main = browser();

  /**
   * A signed-in user of this role, made with the same factory the demo seed uses, in a browser of
   * its own (or in the default one with `{ shared: true }`, replacing whoever was signed in there).
   */
  async function signInAs(role: Role, options: { shared?: boolean } = {}) {
    const email = uniqueEmail(role);
    const password = 'the right password';
    const user = await createUser(db, { email, name: `Test ${role}`, password, role }, TEST_SCRYPT);
    const session = options.shared ? main : browser();
    session.cookies.clear();
    const res = await session.call('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`signInAs(${role}): sign-in answered ${res.status}`);
    return { user, email, password, ...session };
  }

  /** What certification's functions take, for tests that drive them directly (a race, a fixture). */
  const deps = {
    db,
    curriculum: indexManifest(manifest),
    publicOrigin: ORIGIN,
    clock: overrides.clock ?? (() => new Date()),
    issuer: await testIssuer,
    log: () => undefined,
  };
  return { app, db, client, url, manifest, deps, call: main.call, cookies: main.cookies, browser, signInAs, close: () => client.close() };
}

export const uniqueEmail = (label = 'user') => `${label}-${crypto.randomUUID().slice(0, 8)}@example.org`;

/** A device's sync of "lesson completed" for each of these lessons, now. */
export const completions = (lessons: ReadonlyArray<{ id: string }>, locale = 'en') =>
  lessons.map((l) => ({ id: crypto.randomUUID(), type: 'lesson.completed', lessonId: l.id, locale, occurredAt: new Date().toISOString() }));
