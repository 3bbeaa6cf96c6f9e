import { z } from 'zod';

/**
 * Settings are parsed once at start-up from process.env (Node) or the Worker's env bindings.
 * A bad value stops start-up with a message naming the variable.
 */
const settingsSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:|:memory:)/, 'must start with file:, libsql:, http(s):, ws(s): or be :memory:')
    .default('file:data/accord.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_ORIGIN: z.url({ message: 'must be an absolute URL such as https://accord.example.org' }).optional(),
  /** Trust X-Forwarded-For / CF-Connecting-IP for rate limiting (only behind a proxy you control). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Seed one demo account per role on first start (default on for local use). */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * The Ed25519 key certificates are signed with, as a Multikey secret ("z…"). Unset on Node, a
   * local key is made on first start (data/issuer-key.json); unset on Workers, nothing is issued.
   */
  ISSUER_KEY: z
    .string()
    .regex(/^z[1-9A-HJ-NP-Za-km-z]+$/, 'must be an Ed25519 Multikey secret ("z" and base58 characters)')
    .optional(),
  /** Public keys (Multikey "z6Mk…", comma-separated) that signed earlier certificates: kept in the DID document after a rotation. */
  ISSUER_PREVIOUS_KEYS: z
    .string()
    .regex(/^z6Mk[1-9A-HJ-NP-Za-km-z]+(,\s*z6Mk[1-9A-HJ-NP-Za-km-z]+)*$/, 'must be Ed25519 Multikey public keys ("z6Mk…"), comma-separated')
    .optional(),
  /** The issuer's name on every certificate. */
  ISSUER_NAME: z.string().min(1).max(120).default('Accord'),
});

export type Settings = z.output<typeof settingsSchema> & { PUBLIC_ORIGIN: string };

export class SettingsError extends Error {}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  // Empty strings count as unset, so `FOO= npm start` behaves like not setting FOO.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = settingsSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(settings)'}: ${i.message}`);
    throw new SettingsError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const s = result.data;
  return { ...s, PUBLIC_ORIGIN: (s.PUBLIC_ORIGIN ?? `http://localhost:${s.PORT}`).replace(/\/$/, '') };
}

/** Cookies get `Secure` everywhere except plain-http local development. */
export function isLocalHttp(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
