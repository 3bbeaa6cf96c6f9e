// Prints a new certificate signing key: the secret for ISSUER_KEY (keep it secret: a Workers
// secret, or the environment), and its public half, which goes into ISSUER_PREVIOUS_KEYS when a
// later key replaces it, so the certificates it signed keep verifying.
import { generateIssuerKey } from '#core/credentials/keys.ts';

const key = await generateIssuerKey();
console.log(`ISSUER_KEY=${key.secretKeyMultibase}`);
console.log(`# public key (for ISSUER_PREVIOUS_KEYS after a rotation): ${key.publicKeyMultibase}`);
