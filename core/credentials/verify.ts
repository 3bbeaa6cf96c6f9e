// Verifying an Accord badge the way its reader needs: one outcome, in words a person can act on.
// The library checks the proof; everything a proof cannot say is checked here: who the issuer is,
// the validity dates, and the status lists, which the library would happily call "verified" for
// a revoked badge.

import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { type DocumentLoader, documentLoader, isBundledContext, VC_CONTEXT } from './contexts.ts';
import { didWebUrl } from './keys.ts';
import { bitAt, decodeStatusList } from './status-list.ts';
import { verifyingSuite } from './suite.ts';

export type Outcome = 'valid' | 'revoked' | 'suspended' | 'tampered' | 'unknown-issuer' | 'malformed' | 'not-yet-valid' | 'expired';

/**
 * `holderName` … `id` are what the document says; they are worth showing as facts only when the
 * proof held (any outcome but 'malformed', 'unknown-issuer' and 'tampered').
 */
export interface Verification {
  outcome: Outcome;
  /** Every status list was fetched, verified and read. False offline: the badge may have been revoked since. */
  statusChecked: boolean;
  problems: string[];
  holderName?: string;
  courseName?: string;
  validFrom?: string;
  issuerName?: string;
  issuer?: string;
  id?: string;
}

export interface VerifyOptions {
  /** Gets the issuer's DID document (at didWebUrl) and the status lists; null when it cannot (offline, 404). */
  fetchJson: (url: string) => Promise<unknown | null>;
  /** When given, a badge from any other issuer DID is 'unknown-issuer'. */
  trustedIssuer?: string;
  /** Do not fetch status lists at all. */
  offline?: boolean;
  /** The DID document already known (bundled with a page or the CLI); then it is not fetched. */
  didDocument?: unknown;
  /** The time to check validity against; now by default. */
  now?: Date;
}

// Clocks disagree; a badge issued a moment ago must not read as "not yet valid" elsewhere.
const CLOCK_SKEW_MS = 5 * 60_000;

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function issuerId(doc: Json): string | undefined {
  return string(doc.issuer) ?? string(record(doc.issuer)?.id);
}

function claims(doc: Json): Omit<Verification, 'outcome' | 'statusChecked' | 'problems'> {
  const subject = record(doc.credentialSubject);
  const name = list(subject?.identifier)
    .map(record)
    .find((i) => i?.identityType === 'name' && i.hashed === false);
  return {
    holderName: string(name?.identityHash),
    courseName: string(record(subject?.achievement)?.name),
    validFrom: string(doc.validFrom),
    issuerName: string(record(doc.issuer)?.name),
    issuer: issuerId(doc),
    id: string(doc.id),
  };
}

/** Why `doc` cannot be an Accord badge at all, or null. */
function malformation(doc: Json): string | null {
  const types = list(doc.type);
  if (!types.includes('VerifiableCredential') || !types.includes('OpenBadgeCredential')) return 'This is not an Open Badges 3.0 credential.';
  const contexts = list(doc['@context']);
  if (contexts[0] !== VC_CONTEXT) return 'This is not a Verifiable Credential 2.0.';
  const unknown = contexts.find((c) => typeof c !== 'string' || !isBundledContext(c));
  if (unknown !== undefined) return `The credential uses a JSON-LD context this verifier does not know: ${JSON.stringify(unknown)}.`;
  if (list(doc.proof).length === 0) return 'The credential has no proof (it is not signed).';
  if (!issuerId(doc)) return 'The credential names no issuer.';
  if (typeof doc.validFrom !== 'string' || Number.isNaN(Date.parse(doc.validFrom))) return 'The credential has no valid validFrom date.';
  return null;
}

function errorText(error: unknown): string {
  const nested = (error as { errors?: unknown[] } | undefined)?.errors;
  if (Array.isArray(nested) && nested.length) return nested.map(errorText).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Null when the proof holds for a key the issuer's DID document lists under assertionMethod. */
async function proofProblem(doc: Json, loader: DocumentLoader): Promise<string | null> {
  const result = await jsigs.verify(doc, { suite: verifyingSuite(), purpose: new CredentialIssuancePurpose(), documentLoader: loader });
  return result.verified ? null : errorText(result.error);
}

async function fetchOrNull(fetchJson: VerifyOptions['fetchJson'], url: string): Promise<unknown | null> {
  try {
    return (await fetchJson(url)) ?? null;
  } catch {
    return null;
  }
}

/** A missing validFrom is the reader's concern (the badge must have one; a status list may not). */
function dateProblem(doc: Json, now: Date): 'not-yet-valid' | 'expired' | null {
  const from = string(doc.validFrom);
  const until = string(doc.validUntil);
  if (from !== undefined && !(Date.parse(from) - CLOCK_SKEW_MS <= now.getTime())) return 'not-yet-valid';
  if (until !== undefined && !(Date.parse(until) + CLOCK_SKEW_MS > now.getTime())) return 'expired';
  return null;
}

/** Why a fetched status list is not the one a status entry points at, or null. */
function listMismatch(listDoc: Json, url: string, issuer: string, purpose: string, now: Date): string | null {
  if (!list(listDoc.type).includes('BitstringStatusListCredential') || listDoc.id !== url) return 'is not the status list credential it should be';
  if (issuerId(listDoc) !== issuer) return 'is not from the issuer of the badge';
  if (record(listDoc.credentialSubject)?.statusPurpose !== purpose) return `is not a ${purpose} list`;
  if (dateProblem(listDoc, now)) return 'is outside its validity period';
  return null;
}

type StatusReading = { purpose: string; set: boolean } | { problem: string };

/**
 * One status entry, read from its list. The list must itself be a valid credential of the same
 * issuer for the same purpose: otherwise anyone serving the URL could declare a revoked badge
 * good, so an unverifiable list counts as "not checked", never as "not revoked".
 */
async function readStatus(entry: unknown, issuer: string, loader: DocumentLoader, options: VerifyOptions, now: Date): Promise<StatusReading> {
  const e = record(entry);
  const purpose = string(e?.statusPurpose);
  const url = string(e?.statusListCredential);
  const index = Number(e?.statusListIndex);
  if (e?.type !== 'BitstringStatusListEntry' || !purpose || !url || !/^\d+$/.test(String(e.statusListIndex))) {
    return { problem: 'The credential has a status entry this verifier does not read.' };
  }
  if (options.offline) return { problem: `The ${purpose} status was not checked (offline).` };
  const listDoc = record(await fetchOrNull(options.fetchJson, url));
  if (!listDoc) return { problem: `The ${purpose} status list could not be fetched from ${url}.` };
  const subject = record(listDoc.credentialSubject);
  const wrong = listMismatch(listDoc, url, issuer, purpose, now);
  if (wrong) return { problem: `The ${purpose} status list at ${url} ${wrong}; the status was not checked.` };
  const forged = await proofProblem(listDoc, loader);
  if (forged) return { problem: `The ${purpose} status list at ${url} does not verify (${forged}); the status was not checked.` };
  try {
    const bits = await decodeStatusList(string(subject?.encodedList) ?? '');
    if (index >= bits.length * 8) return { problem: `The ${purpose} status list at ${url} is shorter than the credential's index.` };
    return { purpose, set: bitAt(bits, index) };
  } catch (error) {
    return { problem: `The ${purpose} status list at ${url} cannot be decoded (${errorText(error)}).` };
  }
}

export async function verifyCredential(input: unknown, options: VerifyOptions): Promise<Verification> {
  let parsed = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch {
      return { outcome: 'malformed', statusChecked: false, problems: ['This is not JSON.'] };
    }
  }
  const doc = record(parsed);
  if (!doc) return { outcome: 'malformed', statusChecked: false, problems: ['This is not a credential (a JSON object).'] };
  const stated = claims(doc);
  const done = (outcome: Outcome, problems: string[], statusChecked = false): Verification => ({ outcome, statusChecked, problems, ...stated });

  const malformed = malformation(doc);
  if (malformed) return done('malformed', [malformed]);
  const issuer = stated.issuer!;
  if (options.trustedIssuer !== undefined && issuer !== options.trustedIssuer)
    return done('unknown-issuer', [`The issuer ${issuer} is not ${options.trustedIssuer}.`]);
  let didUrl: string;
  try {
    didUrl = didWebUrl(issuer);
  } catch (error) {
    return done('unknown-issuer', [errorText(error)]);
  }
  const didDoc = record(options.didDocument ?? (await fetchOrNull(options.fetchJson, didUrl)));
  if (!didDoc || didDoc.id !== issuer)
    return done('unknown-issuer', [`The issuer's DID document could not be fetched from ${didUrl}, or is not the issuer's.`]);

  const loader = documentLoader(new Map([[issuer, didDoc]]));
  const forged = await proofProblem(doc, loader);
  if (forged) return done('tampered', [`The signature does not match the credential: ${forged}`]);

  const now = options.now ?? new Date();
  const dates = dateProblem(doc, now);
  if (dates) return done(dates, [dates === 'expired' ? `The credential expired on ${doc.validUntil}.` : `The credential is valid only from ${doc.validFrom}.`]);

  const readings = await Promise.all(list(doc.credentialStatus).map((entry) => readStatus(entry, issuer, loader, options, now)));
  const state = options.offline ? undefined : await issuerState(doc, didUrl, options);
  const problems = [...readings.flatMap((r) => ('problem' in r ? [r.problem] : [])), ...(state && 'problem' in state ? [state.problem] : [])];
  const set = (purpose: string) => readings.some((r) => 'set' in r && r.purpose === purpose && r.set);
  const said = state && 'state' in state ? state.state : undefined;
  const statusChecked = problems.length === 0;
  if (set('revocation') || said === 'revoked') return done('revoked', ['The issuer has revoked this credential.', ...problems], statusChecked);
  if (set('suspension') || said === 'suspended') return done('suspended', ['The issuer has suspended this credential.', ...problems], statusChecked);
  return done('valid', problems, statusChecked);
}

/**
 * OB 3.0 lets a badge carry one status entry, and Accord's is the revocation list, which every
 * verifier reads. A suspension (temporary, so not a revocation) is published by the issuer at the
 * credential's own URL + "/status". It is read only when that URL is on the issuer's did:web
 * origin, and only bad news is taken from it: "active" never outweighs a revocation bit.
 */
async function issuerState(doc: Json, didUrl: string, options: VerifyOptions): Promise<{ state: string } | { problem: string } | undefined> {
  const id = string(doc.id);
  let url: URL;
  try {
    url = new URL(`${id}/status`);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(didUrl).origin || !/\/api\/public\/credentials\/[0-9a-f]{32}\/status$/.test(url.pathname)) return undefined;
  const answer = record(await fetchOrNull(options.fetchJson, url.href));
  const state = string(answer?.state);
  if (!state) return { problem: `The issuer's record of this credential (${url.href}) could not be fetched; a suspension was not checked.` };
  return { state };
}
