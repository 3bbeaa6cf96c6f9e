// Signing a credential as the issuer: a badge or a status list.

import { issue } from '@digitalbazaar/vc';
import { documentLoader } from './contexts.ts';
import { type IssuerKey, signingKeyPair } from './keys.ts';
import { signingSuite } from './suite.ts';
import { isoSeconds } from './time.ts';

/**
 * `doc` with a DataIntegrityProof (eddsa-rdfc-2022, assertionMethod) by `did`'s key. The proof
 * is written as a one-element array, the shape OB 3.0's JSON Schema and its examples use.
 */
export async function signCredential(
  doc: Record<string, unknown>,
  key: Required<IssuerKey>,
  did: string,
  created: Date = new Date(),
): Promise<Record<string, unknown>> {
  if ('proof' in doc) throw new Error('The document is already signed.');
  const pair = await signingKeyPair(key, did);
  const signed = await issue({
    credential: structuredClone(doc),
    suite: signingSuite(pair.signer(), isoSeconds(created)),
    documentLoader: documentLoader(),
  });
  return { ...signed, proof: [signed.proof].flat() };
}
