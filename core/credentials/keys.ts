// The issuer's Ed25519 keys and its did:web identity. Keys travel as Multikey strings
// ('z' + base58btc of a two-byte multicodec prefix + key bytes): 0xed01 + the 32-byte public key,
// 0x8026 + the 32-byte secret seed. The DID document lists every key still trusted, so a badge
// keeps verifying after its key is rotated out of signing.

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import { decode as decodeBase58, encode as encodeBase58 } from 'base58-universal';
import { DID_CONTEXT, MULTIKEY_CONTEXT } from './contexts.ts';

export interface IssuerKey {
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}

const SECRET_PREFIX = [0x80, 0x26];
const SEED_BYTES = 32;

function encodeSecret(seed: Uint8Array): string {
  return `z${encodeBase58(new Uint8Array([...SECRET_PREFIX, ...seed]))}`;
}

/** The 32-byte seed inside a secret Multikey. Older Digital Bazaar exports append the public key (64 bytes): accepted. */
function decodeSeed(secretKeyMultibase: string): Uint8Array {
  const problem = 'The issuer secret key must be an Ed25519 Multikey secret ("z" + base58btc of 0x8026 and 32 key bytes).';
  if (typeof secretKeyMultibase !== 'string' || !secretKeyMultibase.startsWith('z')) throw new Error(problem);
  let bytes: Uint8Array;
  try {
    bytes = decodeBase58(secretKeyMultibase.slice(1));
  } catch {
    throw new Error(problem);
  }
  const body = bytes.subarray(SECRET_PREFIX.length);
  if (bytes[0] !== SECRET_PREFIX[0] || bytes[1] !== SECRET_PREFIX[1] || (body.length !== SEED_BYTES && body.length !== 2 * SEED_BYTES))
    throw new Error(problem);
  return body.slice(0, SEED_BYTES);
}

async function keyFromSeed(seed: Uint8Array): Promise<Required<IssuerKey>> {
  const pair = await Ed25519Multikey.generate({ seed });
  return { publicKeyMultibase: pair.publicKeyMultibase, secretKeyMultibase: encodeSecret(seed) };
}

export function generateIssuerKey(): Promise<Required<IssuerKey>> {
  return keyFromSeed(crypto.getRandomValues(new Uint8Array(SEED_BYTES)));
}

/** The full key from its secret part (what the deployment keeps as a secret). */
export async function parseIssuerKey(secretKeyMultibase: string): Promise<Required<IssuerKey>> {
  return keyFromSeed(decodeSeed(secretKeyMultibase));
}

/** The library key pair that signs as `did`; refuses a secret that does not belong to the public key. */
export async function signingKeyPair(key: Required<IssuerKey>, did: string): Promise<Ed25519KeyPair> {
  const pair = await Ed25519Multikey.generate({
    seed: decodeSeed(key.secretKeyMultibase),
    controller: did,
    id: verificationMethodId(did, key.publicKeyMultibase),
  });
  if (pair.publicKeyMultibase !== key.publicKeyMultibase) throw new Error('The issuer secret key does not match its public key.');
  return pair;
}

/** did:web for the site's origin; the port's colon is percent-encoded, as did:web requires. */
export function issuerDid(origin: string): string {
  const url = new URL(origin);
  if (url.pathname !== '/' || url.search || url.hash || url.username) throw new Error(`The issuer DID is made from an origin only, not ${origin}.`);
  return `did:web:${encodeURIComponent(url.host)}`;
}

// Browsers and tools reach a developer's own machine over plain http; did:web itself says https.
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where the DID document of a did:web lives. */
export function didWebUrl(did: string): string {
  if (!did.startsWith('did:web:')) throw new Error(`Only did:web is resolved, not ${did}.`);
  const [host = '', ...path] = did.slice('did:web:'.length).split(':');
  const url = new URL(`https://${decodeURIComponent(host)}`);
  if (url.host !== decodeURIComponent(host).toLowerCase() || !url.hostname) throw new Error(`Not a did:web host: ${did}.`);
  if (LOCAL_HOSTS.has(url.hostname)) url.protocol = 'http:';
  url.pathname = path.length ? `/${path.map(decodeURIComponent).join('/')}/did.json` : '/.well-known/did.json';
  return url.href;
}

/** The key id is the key itself, so a key keeps its id when it stops being the current one. */
export function verificationMethodId(did: string, publicKeyMultibase: string): string {
  return `${did}#${publicKeyMultibase}`;
}

/** The issuer's DID document: the current key first, then every earlier key still trusted for badges already issued. */
export function didDocument(origin: string, keys: { current: IssuerKey; previous: IssuerKey[] }): Record<string, unknown> {
  const did = issuerDid(origin);
  const publicKeys = [...new Set([keys.current, ...keys.previous].map((k) => k.publicKeyMultibase))];
  const ids = publicKeys.map((publicKeyMultibase) => verificationMethodId(did, publicKeyMultibase));
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: publicKeys.map((publicKeyMultibase, i) => ({ id: ids[i], type: 'Multikey', controller: did, publicKeyMultibase })),
    assertionMethod: ids,
  };
}
