// A join code the reader was using when they had to sign in first: the join page keeps it for the
// tab, and "my learning" offers to continue with it after signing in.
const KEY = 'accord.pendingJoin';

export function keepPendingCode(code: string) {
  try {
    sessionStorage.setItem(KEY, code);
  } catch {
    /* storage disabled: the reader types the code again */
  }
}
export function pendingCode(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
export function forgetPendingCode() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* nothing kept */
  }
}

/** What a person typed ("k7qx-m2pd", "K7QX M2PD") without spaces and dashes, upper case. */
export const tidyCode = (input: string) => input.replace(/[\s\-‐-―]/g, '').toUpperCase();
/** The API checks the alphabet; here only the shape, so a typo is caught without a round trip. */
export const looksLikeCode = (code: string) => /^[0-9A-Z]{8}$/.test(code);
