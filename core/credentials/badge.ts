// The unsigned Open Badges 3.0 credential for a completed course: an OpenBadgeCredential in the
// VC Data Model 2.0, with the learner named only by a salted hash of their email (and, if they
// chose so, their name), and a place in the issuer's status lists.

import { encodeHexLowerCase } from '@oslojs/encoding';
import { OB_CONTEXT, VC_CONTEXT } from './contexts.ts';
import type { StatusPurpose } from './status-list.ts';
import { isoSeconds } from './time.ts';

export interface BadgeInput {
  /** The credential's own URL. */
  id: string;
  issuer: { did: string; name: string; url: string; image?: string };
  /** `id` is the course page; `criteria` is what the learner did, which the outcomes follow as a list. */
  achievement: { id: string; name: string; description: string; criteria: string; outcomes: string[]; language: string };
  holder: { email: string; salt: string; name?: string };
  validFrom: Date;
  /**
   * The credential's index in the issuer's status lists. OB 3.0 allows one `credentialStatus`
   * (0..1 in its data model and JSON Schema): with only `revocationList` the badge conforms; with
   * `suspensionList` too it carries two entries, which VC 2.0 allows and OB 3.0's schema refuses.
   */
  status: { index: number; revocationList: string; suspensionList?: string };
}

// OB 3.0's LanguageCode pattern (its JSON Schema): a badge outside it fails 1EdTech's validator.
const LANGUAGE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;

/** OB 3.0 IdentityHash of an email: 'sha256$' + hex SHA-256 of the normalised address followed by the salt. */
export async function identityHash(email: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.trim().toLowerCase() + salt));
  return `sha256$${encodeHexLowerCase(new Uint8Array(digest))}`;
}

/**
 * The learning outcomes go in `criteria.narrative` (Markdown), after what the learner did. OB 3.0
 * has no field for "what the holder can now do": `alignment` points at a node of an external
 * framework and requires its `targetUrl`, `tag` is for search keywords, and `resultDescription`
 * describes results (grades, levels) to be asserted in `result`. The criteria narrative is the
 * text a displayer shows as what it took to earn the badge, so the outcomes read there faithfully.
 */
function narrative(criteria: string, outcomes: string[]): string {
  const items = outcomes.map((o) => `- ${o.replace(/\s+/g, ' ').trim()}`);
  return items.length ? `${criteria.trim()}\n\n${items.join('\n')}` : criteria.trim();
}

function statusEntry(purpose: StatusPurpose, listUrl: string, index: number): Record<string, unknown> {
  return { id: `${listUrl}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: String(index), statusListCredential: listUrl };
}

export async function buildBadge(input: BadgeInput): Promise<Record<string, unknown>> {
  const { issuer, achievement, holder, status } = input;
  if (!LANGUAGE.test(achievement.language)) throw new Error(`OB 3.0 wants a language code such as en or pt-BR, not ${achievement.language}.`);
  if (!Number.isInteger(status.index) || status.index < 0) throw new RangeError(`Bad status index ${status.index}.`);

  const identifier: Array<Record<string, unknown>> = [
    { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: await identityHash(holder.email, holder.salt), salt: holder.salt },
  ];
  if (holder.name) identifier.push({ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: holder.name });

  const revocation = statusEntry('revocation', status.revocationList, status.index);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    issuer: {
      id: issuer.did,
      type: ['Profile'],
      name: issuer.name,
      url: issuer.url,
      ...(issuer.image ? { image: { id: issuer.image, type: 'Image' } } : {}),
    },
    validFrom: isoSeconds(input.validFrom),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier,
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: 'Course',
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: narrative(achievement.criteria, achievement.outcomes) },
        inLanguage: achievement.language,
      },
    },
    credentialStatus: status.suspensionList ? [revocation, statusEntry('suspension', status.suspensionList, status.index)] : revocation,
  };
}
