import { z } from 'zod';

export const ROLES = ['learner', 'mentor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The user as the API shows them to themselves (never the password hash). */
export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locale: z.string(),
  country: z.string().nullable(),
});
export type PublicUser = z.output<typeof publicUserSchema>;

export function toPublicUser(u: { id: string; email: string; name: string; role: Role; locale: string; country?: string | null }): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale, country: u.country ?? null };
}

/** What the browser remembers about who is signed in (see site/scripts/storage.ts). */
export type RememberedUser = Pick<PublicUser, 'id' | 'name' | 'role'>;
