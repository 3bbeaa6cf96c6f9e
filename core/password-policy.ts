// What makes a password too easy to guess, after NIST SP 800-63B (section 5.1.1.2): length alone
// is the rule for composition (no "one capital, one symbol"), long passphrases are welcome, and a
// new password is checked against values known to be common, repetitive or sequential, or taken
// from the context (the service's name, the person's own email). The list of common passwords is
// given by the caller (api/auth/common-passwords.ts), so this module stays plain.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export interface PasswordContext {
  email?: string;
  name?: string;
}

/** Is the (lower-cased) value in the list of common passwords? */
export type CommonCheck = (lower: string) => boolean;

/** Every character the one before plus or minus one ("0123456789", "abcdefghij", "9876543210"). */
function sequential(chars: readonly string[]): boolean {
  const step = chars[1]!.codePointAt(0)! - chars[0]!.codePointAt(0)!;
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < chars.length; i++) if (chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)! !== step) return false;
  return true;
}

/** The whole value is one short piece said again and again ("abcabcabca", "2024202420"). */
function repeated(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    let same = true;
    for (let i = period; i < value.length && same; i++) same = value[i] === value[i - period];
    if (same) return true;
  }
  return false;
}

/** The words of the context worth refusing inside a password: 4 letters or more. */
function contextWords(context: PasswordContext): string[] {
  const local = context.email?.split('@')[0] ?? '';
  const words = [...local.split(/[^\p{L}\p{N}]+/u), ...(context.name ?? '').split(/[^\p{L}\p{N}]+/u), 'accord'];
  return [...new Set(words.map((w) => w.toLowerCase()).filter((w) => [...w].length >= 4))];
}

/** Why `password` is refused, in a sentence the person can act on; null when it is fine. */
export function passwordProblem(password: string, context: PasswordContext, isCommon: CommonCheck): string | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (chars.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  if (new Set(chars).size < 4 || repeated(lower) || sequential([...lower]))
    return 'This password repeats or counts through characters; choose something harder to guess, such as a few unrelated words.';
  // A common password, or one with digits or symbols stuck on either end ("dragon2024!").
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (isCommon(lower) || (core.length >= 6 && isCommon(core)))
    return 'This password is among the most common ones; choose something harder to guess, such as a few unrelated words.';
  const word = contextWords(context).find((w) => lower.includes(w));
  if (word) return 'Do not use your name, your email or the name of this site in your password.';
  return null;
}
