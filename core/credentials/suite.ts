// The one cryptosuite Accord signs and verifies with: Data Integrity eddsa-rdfc-2022 (Ed25519
// over RDFC-1.0 canonical N-Quads). Both sides canonicalize in JSON-LD safe mode, so a term no
// bundled context defines makes signing or verifying fail instead of being silently dropped.

import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

export function signingSuite(signer: unknown, created: string): DataIntegrityProof {
  return new DataIntegrityProof({ signer, cryptosuite, date: created });
}

export function verifyingSuite(): DataIntegrityProof {
  return new DataIntegrityProof({ cryptosuite });
}
