// The Open Badges 3.0 library (core/credentials/): badges signed with eddsa-rdfc-2022 verify with
// the app's verifier and with an independent one (test/support/independent-verifier.ts), any
// changed field is caught by both, status lists are read (a revoked badge is never 'valid'),
// nothing is ever fetched for JSON-LD, and the badge passes 1EdTech's OB 3.0 JSON Schema.
// Keys are made once per run; every time the code reads is passed in, never the clock.
import { ob3SchemaErrors } from '../support/ob3-schema.ts';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BadgeInput, buildBadge, identityHash } from '#core/credentials/badge.ts';
import { documentLoader, OB_CONTEXT, VC_CONTEXT } from '#core/credentials/contexts.ts';
import { didDocument, didWebUrl, generateIssuerKey, type IssuerKey, issuerDid, parseIssuerKey, verificationMethodId } from '#core/credentials/keys.ts';
import { signCredential } from '#core/credentials/sign.ts';
import {
  bitAt,
  buildStatusList,
  decodeStatusList,
  emptyStatusList,
  encodeStatusList,
  pickFreeIndex,
  STATUS_LIST_SIZE,
  withBit,
} from '#core/credentials/status-list.ts';
import { type VerifyOptions, verifyCredential } from '#core/credentials/verify.ts';
import { independentlyVerify } from '../support/independent-verifier.ts';

type Json = Record<string, any>;

const ORIGIN = 'http://localhost:4321';
const DID = 'did:web:localhost%3A4321';
const REVOCATION = `${ORIGIN}/api/credentials/status/revocation/1`;
const SUSPENSION = `${ORIGIN}/api/credentials/status/suspension/1`;
const ISSUED = new Date('2026-03-02T10:20:30.456Z');
const NOW = new Date('2026-06-01T00:00:00Z');
const INDEX = 4242;

function badgeInput(overrides: Partial<BadgeInput> = {}): BadgeInput {
  return {
    id: `${ORIGIN}/credentials/7d3f0c5e-2b1a-4e8f-9a6d-1c2b3a4d5e6f`,
    issuer: { did: DID, name: 'Accord', url: ORIGIN, image: `${ORIGIN}/logo.png` },
    achievement: {
      id: `${ORIGIN}/en/courses/foundations/`,
      name: 'Foundations of AI governance',
      description: 'Eight lessons on how AI is governed across borders.',
      criteria: 'Completed every lesson and passed the final assessment, showing the learner can:',
      outcomes: ['Explain the main international AI governance instruments.', 'Compare risk-based and rights-based approaches.'],
      language: 'en',
    },
    holder: { email: ' Ada.Lovelace@Example.org ', salt: 'c2FsdC1mb3ItdGVzdHM', name: 'Ada Lovelace' },
    validFrom: ISSUED,
    status: { index: INDEX, revocationList: REVOCATION, suspensionList: SUSPENSION },
    ...overrides,
  };
}

let oldKey: Required<IssuerKey>;
let key: Required<IssuerKey>;
let strangerKey: Required<IssuerKey>;
let didDoc: Json;
let rotatedDidDoc: Json;
let badge: Json;
let conformantBadge: Json;
let lists: { clean: Json[]; revoked: Json; suspended: Json };

async function signedList(purpose: 'revocation' | 'suspension', bits = emptyStatusList(), signer = key): Promise<Json> {
  const url = purpose === 'revocation' ? REVOCATION : SUSPENSION;
  return signCredential(await buildStatusList({ url, issuerDid: DID, purpose, bits, validFrom: ISSUED }), signer, DID, ISSUED);
}

/** fetchJson over an in-memory map of URL → document, as the API or a test would serve them. */
function served(documents: Json[], did: Json = didDoc): VerifyOptions['fetchJson'] {
  const byUrl = new Map<string, unknown>([[didWebUrl(DID), did], ...documents.map((d): [string, unknown] => [d.id, d])]);
  return async (url) => byUrl.get(url) ?? null;
}

const verify = (doc: unknown, options: Partial<VerifyOptions> = {}) => verifyCredential(doc, { fetchJson: served(lists.clean), now: NOW, ...options });

beforeAll(async () => {
  [oldKey, key, strangerKey] = await Promise.all([generateIssuerKey(), generateIssuerKey(), generateIssuerKey()]);
  didDoc = didDocument(ORIGIN, { current: key, previous: [] });
  rotatedDidDoc = didDocument(ORIGIN, { current: key, previous: [oldKey] });
  badge = await signCredential(await buildBadge(badgeInput()), key, DID, ISSUED);
  const single = badgeInput({ status: { index: INDEX, revocationList: REVOCATION } });
  conformantBadge = await signCredential(await buildBadge(single), key, DID, ISSUED);
  const revokedBits = withBit(emptyStatusList(), INDEX, true);
  lists = {
    clean: [await signedList('revocation'), await signedList('suspension')],
    revoked: await signedList('revocation', revokedBits),
    suspended: await signedList('suspension', revokedBits),
  };
});

describe('a signed badge', () => {
  it('verifies as valid with both status lists read, and independently', async () => {
    const result = await verify(badge);
    expect(result).toEqual({
      outcome: 'valid',
      statusChecked: true,
      problems: [],
      holderName: 'Ada Lovelace',
      courseName: 'Foundations of AI governance',
      validFrom: '2026-03-02T10:20:30Z',
      issuerName: 'Accord',
      issuer: DID,
      id: badge.id,
    });
    expect(await independentlyVerify(badge, didDoc)).toEqual({ verified: true });
  });

  it('has the OB 3.0 shape: contexts, types, hashed email, course achievement, status entries, proof', async () => {
    expect(badge['@context']).toEqual([VC_CONTEXT, OB_CONTEXT]);
    expect(badge.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(badge.credentialSubject.identifier[0]).toEqual({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      identityHash: await identityHash('ada.lovelace@example.org', 'c2FsdC1mb3ItdGVzdHM'),
      salt: 'c2FsdC1mb3ItdGVzdHM',
    });
    expect(badge.credentialSubject.achievement).toMatchObject({ achievementType: 'Course', inLanguage: 'en', id: `${ORIGIN}/en/courses/foundations/` });
    expect(badge.credentialSubject.achievement.criteria.narrative).toBe(
      'Completed every lesson and passed the final assessment, showing the learner can:\n\n' +
        '- Explain the main international AI governance instruments.\n- Compare risk-based and rights-based approaches.',
    );
    expect(badge.credentialStatus).toEqual([
      {
        id: `${REVOCATION}#${INDEX}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(INDEX),
        statusListCredential: REVOCATION,
      },
      {
        id: `${SUSPENSION}#${INDEX}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: String(INDEX),
        statusListCredential: SUSPENSION,
      },
    ]);
    expect(badge.proof).toEqual([
      expect.objectContaining({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: verificationMethodId(DID, key.publicKeyMultibase),
        created: '2026-03-02T10:20:30Z',
      }),
    ]);
  });

  it('names the learner only if they chose to show a name', async () => {
    const anonymous = await buildBadge(badgeInput({ holder: { email: 'a@example.org', salt: 'x' } }));
    expect((anonymous.credentialSubject as Json).identifier).toHaveLength(1);
    const signed = await signCredential(anonymous, key, DID, ISSUED);
    expect((await verify(signed)).holderName).toBeUndefined();
  });

  it('hashes the email as OB 3.0 says (the spec example: a@example.com salted with Kosher)', async () => {
    expect(await identityHash('a@example.com', 'Kosher')).toBe('sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399');
    expect(await identityHash('  A@Example.COM', 'Kosher')).toBe(await identityHash('a@example.com', 'Kosher'));
  });

  it('with one status entry passes 1EdTech’s OB 3.0 JSON Schema, and verifies both ways', async () => {
    const errors = ob3SchemaErrors(conformantBadge);
    expect(errors).toEqual([]);
    expect((await verify(conformantBadge)).outcome).toBe('valid');
    expect(await independentlyVerify(conformantBadge, didDoc)).toEqual({ verified: true });
  });

  it('with revocation and suspension entries is refused by the OB 3.0 schema only for credentialStatus (0..1 in OB 3.0)', () => {
    const paths = new Set(ob3SchemaErrors(badge).map((e) => e.instancePath));
    expect([...paths]).toEqual(['/credentialStatus']);
  });

  it('refuses a course language OB 3.0 cannot carry', async () => {
    const input = badgeInput();
    await expect(buildBadge({ ...input, achievement: { ...input.achievement, language: 'english' } })).rejects.toThrow(/language code/);
  });
});

describe('a changed field', () => {
  const tamperings: Array<[string, (b: Json) => void, string?]> = [
    ['holder identity hash', (b) => (b.credentialSubject.identifier[0].identityHash = `sha256$${'0'.repeat(64)}`)],
    ['holder name', (b) => (b.credentialSubject.identifier[1].identityHash = 'Grace Hopper')],
    ['achievement name', (b) => (b.credentialSubject.achievement.name = 'Advanced AI governance')],
    ['course id', (b) => (b.credentialSubject.achievement.id = `${ORIGIN}/en/courses/advanced/`)],
    ['validFrom', (b) => (b.validFrom = '2025-01-01T00:00:00Z')],
    ['issuer id', (b) => (b.issuer.id = 'did:web:accord.example.net'), 'unknown-issuer'],
    ['issuer name', (b) => (b.issuer.name = 'Acme University')],
    ['proof value', (b) => (b.proof[0].proofValue = `z${'2'.repeat(86)}`)],
    ['proof created', (b) => (b.proof[0].created = '2026-03-02T10:20:31Z')],
    ['verificationMethod (another key the issuer lists)', (b) => (b.proof[0].verificationMethod = verificationMethodId(DID, oldKey.publicKeyMultibase))],
  ];
  for (const [field, change, outcome = 'tampered'] of tamperings)
    it(`${field} → ${outcome}, and the independent verifier refuses it too`, async () => {
      const changed = structuredClone(badge);
      change(changed);
      const result = await verify(changed, { fetchJson: served(lists.clean, rotatedDidDoc) });
      expect(result.outcome).toBe(outcome);
      expect(result.problems.length).toBeGreaterThan(0);
      const independent = await independentlyVerify(changed, rotatedDidDoc);
      expect(independent).toEqual({ verified: false, problem: outcome === 'tampered' ? 'signature does not match' : 'key is not controlled by the issuer' });
    });

  it('issuer id pointing at a DID document that lists the forger’s key → tampered (the key is not the issuer’s)', async () => {
    const changed = structuredClone(badge);
    changed.issuer.id = 'did:web:accord.example.net';
    const forgerDoc = didDocument('https://accord.example.net', { current: strangerKey, previous: [] });
    const result = await verifyCredential(changed, {
      fetchJson: async (url) => (url === 'https://accord.example.net/.well-known/did.json' ? forgerDoc : null),
      now: NOW,
    });
    expect(result.outcome).toBe('tampered');
  });
});

describe('the status lists', () => {
  it('a revocation bit set → revoked', async () => {
    const result = await verify(badge, { fetchJson: served([lists.revoked, lists.clean[1]!]) });
    expect(result).toMatchObject({ outcome: 'revoked', statusChecked: true });
  });

  it('a suspension bit set → suspended', async () => {
    const result = await verify(badge, { fetchJson: served([lists.clean[0]!, lists.suspended]) });
    expect(result).toMatchObject({ outcome: 'suspended', statusChecked: true });
  });

  it('both set → revoked: a revoked badge is never valid, whatever else is true', async () => {
    expect((await verify(badge, { fetchJson: served([lists.revoked, lists.suspended]) })).outcome).toBe('revoked');
    expect((await verify(conformantBadge, { fetchJson: served([lists.revoked]) })).outcome).toBe('revoked');
  });

  it('unavailable (offline) → valid, with statusChecked false and the reason', async () => {
    const unreachable = await verify(badge, { fetchJson: served([]) });
    expect(unreachable).toMatchObject({ outcome: 'valid', statusChecked: false });
    expect(unreachable.problems.join(' ')).toMatch(/could not be fetched/);
    const offline = await verify(badge, { offline: true, fetchJson: served([lists.revoked]) });
    expect(offline).toMatchObject({ outcome: 'valid', statusChecked: false });
  });

  it('a forged unsigned list claiming "not revoked" is not believed: statusChecked false, with a problem', async () => {
    const { proof: _, ...unsigned } = lists.clean[0]!;
    const result = await verify(badge, { fetchJson: served([unsigned, lists.clean[1]!]) });
    expect(result).toMatchObject({ outcome: 'valid', statusChecked: false });
    expect(result.problems.join(' ')).toMatch(/revocation status list .* does not verify/);
  });

  it('a list signed by a key the issuer does not list is not believed either', async () => {
    const forged = await signedList('revocation', emptyStatusList(), strangerKey);
    const result = await verify(badge, { fetchJson: served([forged, lists.clean[1]!]) });
    expect(result).toMatchObject({ outcome: 'valid', statusChecked: false });
  });

  it('a revoked list with its bit cleared after signing does not verify', async () => {
    const cleared = structuredClone(lists.revoked);
    cleared.credentialSubject.encodedList = lists.clean[0]!.credentialSubject.encodedList;
    const result = await verify(badge, { fetchJson: served([cleared, lists.clean[1]!]) });
    expect(result).toMatchObject({ outcome: 'valid', statusChecked: false });
  });

  it('a genuine list of the wrong purpose is refused', async () => {
    const swapped = { ...lists.clean[1]!, id: REVOCATION };
    const result = await verify(badge, { fetchJson: served([swapped, lists.clean[1]!]) });
    expect(result.statusChecked).toBe(false);
  });

  it('encode/decode round-trips 131,072 bits; index 0 is the most significant bit of byte 0', async () => {
    let bits = emptyStatusList();
    const set = [0, 9, 4242, 65_535, STATUS_LIST_SIZE - 1];
    for (const i of set) bits = withBit(bits, i, true);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    const encoded = await encodeStatusList(bits);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const decoded = await decodeStatusList(encoded);
    expect(decoded).toEqual(bits);
    expect(set.every((i) => bitAt(decoded, i))).toBe(true);
    expect(bitAt(decoded, 1)).toBe(false);
    expect(bitAt(withBit(decoded, 9, false), 9)).toBe(false);
  });

  it('pickFreeIndex never returns a taken index, finds the last free one, and throws when full', () => {
    const taken = (i: number) => i % 3 !== 0;
    for (let n = 0; n < 2000; n++) expect(taken(pickFreeIndex(taken))).toBe(false);
    expect(pickFreeIndex((i) => i !== 77_777)).toBe(77_777);
    expect(() => pickFreeIndex(() => true)).toThrow(/full/);
  });

  it('pickFreeIndex spreads over the whole range (so a list says nothing about issue order)', () => {
    const buckets = new Array(16).fill(0);
    for (let n = 0; n < 16_000; n++) buckets[Math.floor(pickFreeIndex(() => false) / (STATUS_LIST_SIZE / 16))]++;
    // 1,000 expected per bucket; the standard deviation is about 31.
    for (const count of buckets) expect(count).toBeGreaterThan(800);
    for (const count of buckets) expect(count).toBeLessThan(1200);
  });
});

describe('the issuer and the dates', () => {
  it('a key rotated out of signing still verifies badges it signed while the DID document lists it', async () => {
    const old = await signCredential(await buildBadge(badgeInput()), oldKey, DID, ISSUED);
    expect((await verify(old, { fetchJson: served(lists.clean, rotatedDidDoc) })).outcome).toBe('valid');
    expect(await independentlyVerify(old, rotatedDidDoc)).toEqual({ verified: true });
    expect((await verify(old, { fetchJson: served(lists.clean, didDoc) })).outcome).toBe('tampered');
  });

  it('another issuer than the trusted one → unknown-issuer; so is a DID document that cannot be fetched', async () => {
    expect((await verify(badge, { trustedIssuer: 'did:web:accord.example.org' })).outcome).toBe('unknown-issuer');
    expect((await verify(badge, { trustedIssuer: DID })).outcome).toBe('valid');
    expect((await verify(badge, { fetchJson: async () => null })).outcome).toBe('unknown-issuer');
    expect((await verify(badge, { fetchJson: async () => null, didDocument: didDoc })).outcome).toBe('valid');
  });

  it('not JSON, not a badge, or unsigned → malformed', async () => {
    expect((await verify('{"not json')).outcome).toBe('malformed');
    expect((await verify([badge])).outcome).toBe('malformed');
    expect((await verify({ ...badge, type: ['VerifiableCredential'] })).outcome).toBe('malformed');
    const { proof: _, ...unsigned } = badge;
    expect((await verify(unsigned)).outcome).toBe('malformed');
    expect((await verify(JSON.stringify(badge))).outcome).toBe('valid');
  });

  it('before validFrom → not-yet-valid; after validUntil → expired', async () => {
    expect((await verify(badge, { now: new Date('2026-03-01T00:00:00Z') })).outcome).toBe('not-yet-valid');
    const expiring = await signCredential({ ...(await buildBadge(badgeInput())), validUntil: '2026-05-01T00:00:00Z' }, key, DID, ISSUED);
    expect((await verify(expiring)).outcome).toBe('expired');
    expect((await verify(expiring, { now: new Date('2026-04-01T00:00:00Z') })).outcome).toBe('valid');
  });
});

describe('JSON-LD documents are never fetched', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a context that is not bundled makes the loader, the signer and the verifier refuse; fetch is never called', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetch);
    const extra = 'https://example.com/contexts/evil.json';
    await expect(documentLoader()(extra)).rejects.toThrow(/Refusing to load/);
    const unsigned = await buildBadge(badgeInput());
    await expect(signCredential({ ...unsigned, '@context': [VC_CONTEXT, OB_CONTEXT, extra] }, key, DID, ISSUED)).rejects.toThrow();
    const result = await verify({ ...badge, '@context': [VC_CONTEXT, OB_CONTEXT, extra] });
    expect(result.outcome).toBe('malformed');
    expect((await independentlyVerify({ ...badge, '@context': [VC_CONTEXT, OB_CONTEXT, extra] }, didDoc)).verified).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a term no context defines cannot be signed (JSON-LD safe mode)', async () => {
    const unsigned = await buildBadge(badgeInput());
    await expect(signCredential({ ...unsigned, favouriteColour: 'blue' }, key, DID, ISSUED)).rejects.toThrow();
  });

  it('the loader answers a DID URL with the verification method from the DID document given', async () => {
    const id = verificationMethodId(DID, key.publicKeyMultibase);
    const { document } = await documentLoader(new Map([[DID, didDoc]]))(id);
    expect(document).toMatchObject({ id, type: 'Multikey', controller: DID, publicKeyMultibase: key.publicKeyMultibase });
    await expect(documentLoader(new Map([[DID, didDoc]]))(`${DID}#zUnknown`)).rejects.toThrow(/Refusing/);
  });
});

describe('keys and did:web', () => {
  it('makes the DID from the origin alone', () => {
    expect(issuerDid('http://localhost:4321')).toBe('did:web:localhost%3A4321');
    expect(issuerDid('https://accord.example.org')).toBe('did:web:accord.example.org');
    expect(issuerDid('https://accord.example.org/')).toBe('did:web:accord.example.org');
    expect(() => issuerDid('https://accord.example.org/app')).toThrow(/origin only/);
  });

  it('finds the DID document over https, and over http only on the local machine', () => {
    expect(didWebUrl('did:web:accord.example.org')).toBe('https://accord.example.org/.well-known/did.json');
    expect(didWebUrl('did:web:localhost%3A4321')).toBe('http://localhost:4321/.well-known/did.json');
    expect(didWebUrl('did:web:127.0.0.1%3A8787')).toBe('http://127.0.0.1:8787/.well-known/did.json');
    expect(didWebUrl('did:web:%5B%3A%3A1%5D%3A8787')).toBe('http://[::1]:8787/.well-known/did.json');
    expect(didWebUrl('did:web:example.org:issuers:accord')).toBe('https://example.org/issuers/accord/did.json');
    expect(() => didWebUrl('did:key:z6Mk')).toThrow(/did:web/);
  });

  it('lists every trusted key under assertionMethod, the current one first, each with itself as its id', () => {
    const doc = didDocument(ORIGIN, { current: key, previous: [oldKey, key] });
    const ids = [key, oldKey].map((k) => `${DID}#${k.publicKeyMultibase}`);
    expect(doc.id).toBe(DID);
    expect(doc.assertionMethod).toEqual(ids);
    expect(doc.verificationMethod).toEqual(
      [key, oldKey].map((k, i) => ({ id: ids[i], type: 'Multikey', controller: DID, publicKeyMultibase: k.publicKeyMultibase })),
    );
  });

  it('parses a secret back to the same key, and says clearly what is wrong with a bad one', async () => {
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(await parseIssuerKey(key.secretKeyMultibase)).toEqual(key);
    await expect(parseIssuerKey('not-a-key')).rejects.toThrow(/Ed25519 Multikey secret/);
    await expect(parseIssuerKey(key.publicKeyMultibase)).rejects.toThrow(/Ed25519 Multikey secret/);
  });

  it('refuses to sign with a secret that does not belong to the public key', async () => {
    const mixed = { publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: strangerKey.secretKeyMultibase };
    await expect(signCredential(await buildBadge(badgeInput()), mixed, DID, ISSUED)).rejects.toThrow(/does not match/);
  });
});

describe("a suspension stated at the credential's own /status", () => {
  const ID = `${ORIGIN}/api/public/credentials/${'ab'.repeat(16)}`;
  let accordBadge: Json;
  beforeAll(async () => {
    accordBadge = await signCredential(await buildBadge(badgeInput({ id: ID, status: { index: INDEX, revocationList: REVOCATION } })), key, DID, ISSUED);
  });
  const withState = (state: unknown, documents: Json[] = lists.clean) => {
    const base = served(documents);
    return async (url: string) => (url === `${ID}/status` ? state : base(url));
  };

  it('reads suspended from the issuer’s origin', async () => {
    expect((await verify(accordBadge, { fetchJson: withState({ state: 'suspended' }) })).outcome).toBe('suspended');
  });
  it('never lets "active" there outweigh a revocation bit', async () => {
    expect((await verify(accordBadge, { fetchJson: withState({ state: 'active' }, [lists.revoked]) })).outcome).toBe('revoked');
  });
  it('is valid when active; unreachable, the status counts as not checked', async () => {
    expect(await verify(accordBadge, { fetchJson: withState({ state: 'active' }) })).toMatchObject({ outcome: 'valid', statusChecked: true });
    expect(await verify(accordBadge, { fetchJson: withState(null) })).toMatchObject({ outcome: 'valid', statusChecked: false });
  });
  it('is not asked of a credential whose id is elsewhere than the issuer’s origin', async () => {
    const asked: string[] = [];
    const fetchJson = async (url: string) => {
      asked.push(url);
      return served(lists.clean)(url);
    };
    await verify(conformantBadge, { fetchJson });
    expect(asked.some((u) => u.endsWith('/status'))).toBe(false);
  });
});
