// 1EdTech's Open Badges 3.0 JSON Schema (test/fixtures/ob3), compiled once: what a badge must pass
// for an OB 3.0 validator to accept it.
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

let validate: ReturnType<Ajv2019['compile']> | undefined;

export function ob3SchemaErrors(doc: unknown): Array<{ instancePath: string; message?: string }> {
  if (!validate) {
    const schema = JSON.parse(readFileSync('test/fixtures/ob3/achievementcredential.json', 'utf8'));
    // Its @context tuple (VC v2, then OB 3.0) is open-ended on purpose, which Ajv's strict mode warns about.
    const ajv = new Ajv2019({ allErrors: true, strictTuples: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  return validate(doc) ? [] : (validate.errors ?? []).map(({ instancePath, message }) => ({ instancePath, message }));
}
