// Credentials carry times to the second: milliseconds add nothing a reader can use, and a
// fixed shape keeps signed documents byte-for-byte reproducible in tests.

export function isoSeconds(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date.');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
