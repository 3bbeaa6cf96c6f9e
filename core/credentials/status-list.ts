// Bitstring Status Lists (W3C): one bit per issued credential, published as a signed credential.
// A list is gzipped and base64url-encoded with a 'u' multibase prefix; index 0 is the most
// significant bit of the first byte. CompressionStream does the gzip in Node, workerd and browsers.

import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { VC_CONTEXT } from './contexts.ts';
import { isoSeconds } from './time.ts';

/** The spec's minimum length, which also gives each credential herd privacy among 131,072 places. */
export const STATUS_LIST_SIZE = 131_072;

// A decoded list larger than this is refused: a few hundred bytes of gzip could otherwise expand
// into gigabytes in a visitor's browser. 1 MiB is 64 times our own lists.
const MAX_DECODED_BYTES = 1 << 20;

export type StatusPurpose = 'revocation' | 'suspension';

export function emptyStatusList(): Uint8Array {
  return new Uint8Array(STATUS_LIST_SIZE / 8);
}

function checkIndex(bits: Uint8Array, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= bits.length * 8) throw new RangeError(`Status index ${i} is outside the list.`);
}

export function bitAt(bits: Uint8Array, i: number): boolean {
  checkIndex(bits, i);
  return ((bits[i >> 3]! >> (7 - (i & 7))) & 1) === 1;
}

/** A copy of the list with bit `i` set or cleared; the stored list is never changed in place. */
export function withBit(bits: Uint8Array, i: number, value: boolean): Uint8Array {
  checkIndex(bits, i);
  const next = bits.slice();
  const mask = 1 << (7 - (i & 7));
  next[i >> 3] = value ? next[i >> 3]! | mask : next[i >> 3]! & ~mask;
  return next;
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new Error('The status list is larger than any list Accord reads.');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
}

export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  const gzipped = await readAll(streamOf(bits).pipeThrough(new CompressionStream('gzip')), Number.POSITIVE_INFINITY);
  return `u${encodeBase64urlNoPadding(gzipped)}`;
}

export async function decodeStatusList(encoded: string): Promise<Uint8Array> {
  if (typeof encoded !== 'string' || !encoded.startsWith('u')) throw new Error('A status list must be base64url multibase ("u…").');
  const gzipped = decodeBase64urlIgnorePadding(encoded.slice(1));
  return readAll(streamOf(gzipped).pipeThrough(new DecompressionStream('gzip')), MAX_DECODED_BYTES);
}

/** A uniformly random integer in [0, n), without the bias of a plain modulo. */
export function randomBelow(n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  const word = new Uint32Array(1);
  do crypto.getRandomValues(word);
  while (word[0]! >= limit);
  return word[0]! % n;
}

/**
 * A uniformly random free index, so the place of a credential in the list says nothing about
 * when it was issued. Random draws find one at once while the list is not nearly full; past a
 * few misses, the free indices are counted and one of them is drawn, which is just as uniform.
 */
export function pickFreeIndex(taken: (i: number) => boolean, random: (n: number) => number = randomBelow): number {
  for (let attempt = 0; attempt < 32; attempt++) {
    const i = random(STATUS_LIST_SIZE);
    if (!taken(i)) return i;
  }
  const free: number[] = [];
  for (let i = 0; i < STATUS_LIST_SIZE; i++) if (!taken(i)) free.push(i);
  if (free.length === 0) throw new Error('The status list is full: start a new list.');
  return free[random(free.length)]!;
}

export interface StatusListInput {
  url: string;
  issuerDid: string;
  purpose: StatusPurpose;
  bits: Uint8Array;
  validFrom: Date;
}

/** The unsigned BitstringStatusListCredential published at `url`. */
export async function buildStatusList({ url, issuerDid, purpose, bits, validFrom }: StatusListInput): Promise<Record<string, unknown>> {
  if (bits.length * 8 < STATUS_LIST_SIZE) throw new RangeError(`A status list has at least ${STATUS_LIST_SIZE} entries.`);
  return {
    '@context': [VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerDid,
    validFrom: isoSeconds(validFrom),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList: await encodeStatusList(bits) },
  };
}
