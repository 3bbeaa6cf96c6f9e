import { z } from '@hono/zod-openapi';
import { DEFAULT_LOCALE, localeTag } from '#core/locales.ts';
import { publicUserSchema } from '#core/user.ts';
import { singleLine } from '#core/text.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '#core/password-policy.ts';

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }).max(254))
  .openapi({ example: 'amina@example.org' });

export const RegisterBody = z
  .object({
    email,
    // Length here; common, repetitive and personal passwords are refused by the route (core/password-policy.ts).
    password: z
      .string()
      .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
      .max(PASSWORD_MAX * 2, `Use at most ${PASSWORD_MAX} characters.`)
      .openapi({ example: 'violet tractor under the mango tree' }),
    name: singleLine({ empty: 'Enter your name.', max: 120, tooLong: 'Use at most 120 characters.' }),
    locale: localeTag.default(DEFAULT_LOCALE),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166-1 country code.')
      .optional(),
  })
  .openapi('RegisterBody');

export const PasswordChangeBody = z
  .object({
    currentPassword: z
      .string()
      .min(1, 'Enter your current password.')
      .max(PASSWORD_MAX * 2),
    newPassword: RegisterBody.shape.password,
  })
  .strict()
  .openapi('PasswordChangeBody');

export const LoginBody = z.object({ email, password: z.string().min(1, 'Enter your password.').max(200) }).openapi('LoginBody');

// Core schemas are plain zod; re-wrapping the shape names them in the OpenAPI document.
export const UserSchema = z.object(publicUserSchema.shape).openapi('User');
export const UserResponse = z.object({ user: UserSchema });
export const MeResponse = z.object({ user: UserSchema.nullable() });
