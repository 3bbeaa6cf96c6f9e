import { type IssuerKey, parseIssuerKey } from '#core/credentials/keys.ts';
import type { Settings } from '../settings.ts';
import type { IssuerConfig } from './issuing.ts';

/**
 * The signing identity from settings: the current secret key, the public keys it replaced (so
 * their certificates keep verifying), the name. `fallback` supplies a key when none is set (the
 * Node server's local key); without either, the API runs and refuses only to issue.
 */
export async function issuerFromSettings(settings: Settings, fallback?: () => Promise<Required<IssuerKey>>): Promise<IssuerConfig | undefined> {
  const key = settings.ISSUER_KEY ? await parseIssuerKey(settings.ISSUER_KEY) : await fallback?.();
  if (!key) return undefined;
  const previous = (settings.ISSUER_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k && k !== key.publicKeyMultibase)
    .map((publicKeyMultibase) => ({ publicKeyMultibase }));
  return { key, previous, name: settings.ISSUER_NAME };
}
