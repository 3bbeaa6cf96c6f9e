// The bundled list of common passwords (the 49,000 of @zxcvbn-ts/language-common, MIT), loaded on
// first use so that a cold start does not pay for it, and kept as a set of lower-cased values.
import { type CommonCheck, type PasswordContext, passwordProblem } from '#core/password-policy.ts';
import { invalidFields } from '../errors.ts';

let loading: Promise<CommonCheck> | null = null;

function commonCheck(): Promise<CommonCheck> {
  loading ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => {
    // Shorter values fail the length rule anyway, except as the core of a longer one ("dragon2024!").
    const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()).filter((p) => p.length >= 6));
    return (lower: string) => common.has(lower);
  });
  return loading;
}

/** Why a new password is refused (core/password-policy.ts), or null. */
export async function newPasswordProblem(password: string, context: PasswordContext): Promise<string | null> {
  return passwordProblem(password, context, await commonCheck());
}

/** A 400 in the validation shape (details on `path`) when a new password is refused; before anything is written. */
export async function refuseWeakPassword(password: string, context: PasswordContext, path = 'password'): Promise<void> {
  const problem = await newPasswordProblem(password, context);
  if (problem) throw invalidFields([{ path, message: problem }]);
}
