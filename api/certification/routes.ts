import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { singleLine } from '#core/text.ts';
import { didDocument } from '#core/credentials/keys.ts';
import { currentUser } from '../auth/current-user.ts';
import type { AppContext } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { definePublicRoute, defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { notify } from '../notifications/store.ts';
import { isCohortMember } from '../programs/access.ts';
import { cohorts } from '../programs/tables.ts';
import { awardIfEarned, credentialUrl, evaluate, issueByHand, publishStatusList, statusListDocument, verifyPageUrl } from './issuing.ts';
import { type CredentialRow, changeState, credentialById, credentialOf, credentialsOfCohort, credentialsOfUser, holderById } from './store.ts';

const courseParams = z.object({
  courseId: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .openapi({ param: { name: 'courseId', in: 'path' } }),
});
const cohortParams = z.object({ cohortId: z.uuid().openapi({ param: { name: 'cohortId', in: 'path' } }) });
const credentialId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'Use the id of the certificate (32 hexadecimal characters).')
  .openapi({ param: { name: 'credentialId', in: 'path' } });
const reason = singleLine({ empty: 'Give the reason.', max: 500, tooLong: 'Use at most 500 characters.' }).refine(
  (r) => r.length >= 5,
  'Give the reason in a few words.',
);

const Requirement = z
  .object({
    kind: z.enum(['lessons', 'assessment', 'capstone', 'attendance']),
    met: z.boolean(),
    done: z.number().optional(),
    total: z.number().optional(),
    state: z.string().optional(),
    required: z.number().optional(),
    percent: z.number().nullable().optional(),
    recorded: z.number().optional(),
  })
  .openapi('CertificateRequirement');

const Credential = z
  .object({
    id: z.string(),
    courseId: z.string(),
    locale: z.string(),
    issuedAt: z.string(),
    state: z.enum(['active', 'suspended', 'revoked']),
    stateChangedAt: z.string().nullable(),
    byHand: z.boolean(),
    url: z.string().openapi({ description: 'The signed credential (JSON), public' }),
    verifyUrl: z.string().openapi({ description: 'The public verification page' }),
  })
  .openapi('CredentialSummary');

const summary = (c: AppContext, row: CredentialRow) => ({
  id: row.id,
  courseId: row.courseId,
  locale: row.locale,
  issuedAt: row.issuedAt,
  state: row.state,
  stateChangedAt: row.stateChangedAt,
  byHand: row.issuedBy !== null,
  url: credentialUrl(c.var.deps.publicOrigin, row.id),
  verifyUrl: verifyPageUrl(c.var.deps.publicOrigin, row.locale, row.id),
});

const requirements = defineRoute({
  method: 'get',
  path: '/courses/{courseId}/certificate',
  tags: ['certification'],
  access: 'signed-in',
  summary: "What the learner's certificate for the course needs, what is met, and the certificate once earned (issued on the spot if due)",
  request: { params: courseParams },
  responses: {
    200: jsonContent(
      z.object({
        courseId: z.string(),
        earned: z.boolean(),
        cohortId: z.string().nullable(),
        requirements: z.array(Requirement),
        credential: Credential.nullable(),
      }),
      'Requirements and certificate',
    ),
    ...errors(401, 404),
  },
});

const mine = defineRoute({
  method: 'get',
  path: '/my/credentials',
  tags: ['certification'],
  access: 'signed-in',
  summary: "The learner's certificates, newest first",
  responses: { 200: jsonContent(z.object({ credentials: z.array(Credential) }), 'My certificates'), ...errors(401) },
});

const ofCohort = defineRoute({
  method: 'get',
  path: '/cohorts/{cohortId}/credentials',
  tags: ['certification'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: "The cohort's certificates, with each holder's name (managers of the program)",
  request: { params: cohortParams },
  responses: {
    200: jsonContent(
      z.object({ credentials: z.array(Credential.extend({ userId: z.string(), name: z.string(), stateReason: z.string().nullable() })) }),
      'Certificates',
    ),
    ...errors(400, 401, 403),
  },
});

const byHand = defineRoute({
  method: 'post',
  path: '/cohorts/{cohortId}/credentials',
  tags: ['certification'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Issue a certificate by hand to a member who completed the programme outside Accord (audited, with the reason)',
  request: { params: cohortParams, body: jsonBody(z.object({ userId: z.uuid(), reason })) },
  responses: { 201: jsonContent(z.object({ credential: Credential }), 'Issued'), ...errors(400, 401, 403, 404, 409, 415, 503) },
});

const setState = defineRoute({
  method: 'patch',
  path: '/credentials/{credentialId}',
  tags: ['certification'],
  access: { scope: 'credential', param: 'credentialId' },
  summary: 'Revoke (final), suspend or reinstate a certificate, with the reason; the holder is told (managers of the program it was earned in, admins)',
  request: { params: z.object({ credentialId }), body: jsonBody(z.object({ state: z.enum(['revoked', 'suspended', 'active']), reason })) },
  responses: { 200: jsonContent(z.object({ credential: Credential }), 'Changed'), ...errors(400, 401, 403, 404, 409, 415, 503) },
});

const document = definePublicRoute({
  method: 'get',
  path: '/public/credentials/{credentialId}',
  tags: ['certification'],
  maxAgeSeconds: 300,
  summary: 'The signed Open Badges 3.0 credential, for wallets and verifiers (anyone with the id)',
  request: { params: z.object({ credentialId }) },
  responses: { 200: jsonContent(z.record(z.string(), z.unknown()), 'The credential'), ...errors(400, 404) },
});

const status = definePublicRoute({
  method: 'get',
  path: '/public/credentials/{credentialId}/status',
  tags: ['certification'],
  maxAgeSeconds: 60,
  summary: "The certificate's state and since when: where a suspension is published (the signed revocation list carries revocations, without dates)",
  request: { params: z.object({ credentialId }) },
  responses: {
    200: jsonContent(
      z.object({ id: z.string(), state: z.enum(['active', 'suspended', 'revoked']), changedAt: z.string().nullable(), issuedAt: z.string() }),
      'State',
    ),
    ...errors(400, 404),
  },
});

const list = definePublicRoute({
  method: 'get',
  path: '/public/status-lists/revocation',
  tags: ['certification'],
  maxAgeSeconds: 60,
  summary: 'The signed Bitstring Status List credential of revocations (131,072 entries, each certificate at a random index)',
  responses: { 200: jsonContent(z.record(z.string(), z.unknown()), 'The status list credential'), ...errors(503) },
});

const did = definePublicRoute({
  method: 'get',
  path: '/did.json',
  tags: ['certification'],
  maxAgeSeconds: 300,
  summary: "The issuer's DID document (did:web): every key that signed a credential still verifies",
  responses: { 200: jsonContent(z.record(z.string(), z.unknown()), 'DID document'), ...errors(503) },
});

const json = (body: string, contentType = 'application/json') => new Response(body, { status: 200, headers: { 'Content-Type': contentType } });

export const certificationRoutes = newRouter()
  .openapi(requirements, async (c) => {
    const user = currentUser(c);
    const { courseId } = c.req.valid('param');
    // Issued on the spot if due; one issued by hand shows even with lessons left.
    const credential = (await awardIfEarned(c.var.deps, user.id, courseId)) ?? (await credentialOf(c.var.deps.db, user.id, courseId));
    const evaluation = await evaluate(c.var.deps, user.id, courseId);
    return c.json({ courseId, ...evaluation, credential: credential ? summary(c, credential) : null }, 200);
  })
  .openapi(mine, async (c) => {
    const rows = await credentialsOfUser(c.var.deps.db, currentUser(c).id);
    return c.json({ credentials: rows.map((r) => summary(c, r)) }, 200);
  })
  .openapi(ofCohort, async (c) => {
    const rows = await credentialsOfCohort(c.var.deps.db, c.req.valid('param').cohortId);
    return c.json(
      { credentials: rows.map((r) => ({ ...summary(c, r.credential), userId: r.credential.userId, name: r.name, stateReason: r.credential.stateReason })) },
      200,
    );
  })
  .openapi(byHand, async (c) => {
    const { cohortId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db } = c.var.deps;
    const [cohort] = await db.select({ courseId: cohorts.courseId }).from(cohorts).where(eq(cohorts.id, cohortId));
    if (!cohort) throw notFound('cohort');
    const holder = await holderById(db, body.userId);
    if (!holder || !(await isCohortMember(db, body.userId, cohortId))) throw new ApiError(404, 'not_found', 'This person is not a member of the cohort.');
    const row = await issueByHand(c.var.deps, { holder, courseId: cohort.courseId, cohortId, actorId: currentUser(c).id, reason: body.reason });
    return c.json({ credential: summary(c, row) }, 201);
  })
  .openapi(setState, async (c) => {
    const { credentialId: id } = c.req.valid('param');
    const body = c.req.valid('json');
    const deps = c.var.deps;
    const before = await credentialById(deps.db, id);
    if (!before) throw notFound('certificate');
    if (before.state === body.state) return c.json({ credential: summary(c, before) }, 200);
    const at = deps.clock().toISOString();
    if (!(await changeState(deps.db, { id, to: body.state, reason: body.reason, actorId: currentUser(c).id, at }))) {
      throw new ApiError(409, 'conflict', 'This certificate was revoked; revocation is final. Issue a new one if it was a mistake.');
    }
    // The list outside verifiers read is re-signed at once; a suspension shows at …/status (decision 016).
    if (body.state === 'revoked') await publishStatusList(deps);
    await notify(
      deps.db,
      [before.userId],
      'credential.changed',
      { credentialId: id, courseId: before.courseId, state: body.state, reason: body.reason },
      deps.clock(),
    );
    return c.json({ credential: summary(c, (await credentialById(deps.db, id))!) }, 200);
  })
  .openapi(document, async (c) => {
    const row = await credentialById(c.var.deps.db, c.req.valid('param').credentialId);
    if (!row) throw notFound('certificate');
    return json(row.document) as never;
  })
  .openapi(status, async (c) => {
    const row = await credentialById(c.var.deps.db, c.req.valid('param').credentialId);
    if (!row) throw notFound('certificate');
    return c.json({ id: row.id, state: row.state, changedAt: row.stateChangedAt, issuedAt: row.issuedAt }, 200);
  })
  .openapi(list, async (c) => json(await statusListDocument(c.var.deps)) as never);

/** Mounted at /.well-known: the issuer's DID document, where did:web says a verifier finds it. */
export const wellKnownRoutes = newRouter().openapi(did, (c) => {
  const issuer = c.var.deps.issuer;
  if (!issuer) throw new ApiError(503, 'unavailable', 'This server has no credential signing key (ISSUER_KEY).');
  return json(
    JSON.stringify(didDocument(c.var.deps.publicOrigin, { current: { publicKeyMultibase: issuer.key.publicKeyMultibase }, previous: issuer.previous })),
    'application/did+json',
  ) as never;
});
