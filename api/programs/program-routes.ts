// Managers' regions (admins), programs and their managers, and new cohorts.
import { z } from '@hono/zod-openapi';
import { ApiError, notFound } from '../errors.ts';
import type { AppContext } from '../context.ts';
import { currentUser } from '../auth/current-user.ts';
import { userByEmail } from '../auth/users.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { datesInOrder, formatJoinCode, reachesProgram, regionsOutside } from './rules.ts';
import { CohortBody, Cohort, id, Manager, ManagerBody, Program, ProgramBody, ProgramPatch, ProgramSummary, RegionsBody } from './schemas.ts';
import {
  addProgramManager,
  cohortCoursesOf,
  createCohort,
  createProgram,
  managersWithRegions,
  programById,
  programsFor,
  regionsOfManager,
  removeProgramManager,
  setManagerRegions,
  updateProgram,
  userSummary,
} from './store.ts';

type Details = Array<{ path: string; message: string }>;
export const invalid = (status: 400 | 422, message: string, details: Details) => new ApiError(status, 'invalid_request', message, details);

const listManagers = defineRoute({
  method: 'get',
  path: '/admin/managers',
  tags: ['programs'],
  access: { role: ['admin'] },
  summary: 'Program managers with the regions they work in',
  responses: { 200: jsonContent(z.object({ managers: z.array(Manager) }), 'Managers'), ...errors(401, 403) },
});

const putRegions = defineRoute({
  method: 'put',
  path: '/admin/managers/{id}/regions',
  tags: ['programs'],
  access: { role: ['admin'] },
  summary: "Replace a manager's M49 regions; they reach only programs inside them",
  request: { params: z.object({ id }), body: jsonBody(RegionsBody) },
  responses: { 200: jsonContent(z.object({ manager: Manager }), 'Saved'), ...errors(400, 401, 403, 404, 409, 415) },
});

const list = defineRoute({
  method: 'get',
  path: '/programs',
  tags: ['programs'],
  access: { role: ['manager'] },
  summary: 'Programs I manage (admins: all), with cohort counts',
  responses: {
    200: jsonContent(
      z.object({ programs: z.array(ProgramSummary), regions: z.array(z.string()).openapi({ description: 'The regions an admin gave me' }) }),
      'Programs',
    ),
    ...errors(401, 403),
  },
});

const create = defineRoute({
  method: 'post',
  path: '/programs',
  tags: ['programs'],
  access: { role: ['manager'] },
  summary: 'Create a program inside my regions; I become its manager',
  request: { body: jsonBody(ProgramBody) },
  responses: { 201: jsonContent(z.object({ program: Program }), 'Created'), ...errors(400, 401, 403, 415, 422) },
});

const programParams = z.object({ programId: id });

const get = defineRoute({
  method: 'get',
  path: '/programs/{programId}',
  tags: ['programs'],
  access: { scope: 'program', param: 'programId' },
  summary: 'A program: regions, courses, managers and cohorts with member counts',
  request: { params: programParams },
  responses: { 200: jsonContent(z.object({ program: Program }), 'The program'), ...errors(400, 401, 403, 404) },
});

const patch = defineRoute({
  method: 'patch',
  path: '/programs/{programId}',
  tags: ['programs'],
  access: { scope: 'program', param: 'programId' },
  summary: 'Edit name, dates, regions (within mine) or courses',
  request: { params: programParams, body: jsonBody(ProgramPatch) },
  responses: { 200: jsonContent(z.object({ program: Program }), 'Saved'), ...errors(400, 401, 403, 404, 409, 415, 422) },
});

const addManager = defineRoute({
  method: 'post',
  path: '/programs/{programId}/managers',
  tags: ['programs'],
  access: { scope: 'program', param: 'programId' },
  summary: 'Name another manager, whose regions reach the program',
  request: { params: programParams, body: jsonBody(ManagerBody) },
  responses: {
    201: jsonContent(z.object({ program: Program }), 'Named'),
    200: jsonContent(z.object({ program: Program }), 'Already one of its managers'),
    ...errors(400, 401, 403, 404, 415, 422),
  },
});

const dropManager = defineRoute({
  method: 'delete',
  path: '/programs/{programId}/managers/{userId}',
  tags: ['programs'],
  access: { scope: 'program', param: 'programId' },
  summary: 'Remove a manager from the program (never the last one)',
  request: { params: z.object({ programId: id, userId: id }) },
  responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404, 409) },
});

const addCohort = defineRoute({
  method: 'post',
  path: '/programs/{programId}/cohorts',
  tags: ['programs'],
  access: { scope: 'program', param: 'programId' },
  summary: 'Create a cohort for one of the program’s courses; it gets a join code',
  request: { params: programParams, body: jsonBody(CohortBody) },
  responses: { 201: jsonContent(z.object({ cohort: Cohort }), 'Created'), ...errors(400, 401, 403, 404, 415, 422) },
});

/** Unknown course ids, as error details. */
function unknownCourses(c: AppContext, field: string, ids: readonly string[]): Details {
  return ids.flatMap((courseId, i) => (c.var.deps.curriculum.course(courseId) ? [] : [{ path: `${field}.${i}`, message: `No course "${courseId}".` }]));
}

/** Managers may only use regions inside their own; admins may use any. */
async function checkRegionsWithinMine(c: AppContext, requested: readonly string[]) {
  const actor = currentUser(c);
  if (actor.role === 'admin') return;
  const outside = regionsOutside(await regionsOfManager(c.var.deps.db, actor.id), requested);
  if (outside.length > 0) {
    throw invalid(
      422,
      'Some regions are outside the regions you manage. Nothing was saved.',
      outside.map((region) => ({ path: `regions.${requested.indexOf(region)}`, message: `Region ${region} is not within yours.` })),
    );
  }
}

async function loadProgram(c: AppContext, programId: string) {
  const program = await programById(c.var.deps.db, programId);
  if (!program) throw notFound('program');
  return { ...program, cohorts: program.cohorts.map((cohort) => ({ ...cohort, joinCode: formatJoinCode(cohort.joinCode) })) };
}

export const programRoutes = newRouter()
  .openapi(listManagers, async (c) => c.json({ managers: await managersWithRegions(c.var.deps.db) }, 200))
  .openapi(putRegions, async (c) => {
    const { db } = c.var.deps;
    const { id: userId } = c.req.valid('param');
    const { regions } = c.req.valid('json');
    const user = await userSummary(db, userId);
    if (!user) throw notFound('user');
    if (user.role !== 'manager') throw new ApiError(409, 'conflict', 'This person is not a program manager. Give them the manager role first.');
    await setManagerRegions(db, userId, regions);
    const { role: _role, ...manager } = user;
    return c.json({ manager: { ...manager, regions: await regionsOfManager(db, userId) } }, 200);
  })
  .openapi(list, async (c) => {
    const user = currentUser(c);
    const { db } = c.var.deps;
    return c.json({ programs: await programsFor(db, user), regions: await regionsOfManager(db, user.id) }, 200);
  })
  .openapi(create, async (c) => {
    const actor = currentUser(c);
    const body = c.req.valid('json');
    const unknown = unknownCourses(c, 'courseIds', body.courseIds);
    if (unknown.length > 0) throw invalid(422, 'Some courses do not exist. Nothing was saved.', unknown);
    await checkRegionsWithinMine(c, body.regions);
    const created = await createProgram(c.var.deps.db, { ...body, createdBy: actor.id, managerIds: actor.role === 'manager' ? [actor.id] : [] });
    return c.json({ program: await loadProgram(c, created.id) }, 201);
  })
  .openapi(get, async (c) => c.json({ program: await loadProgram(c, c.req.valid('param').programId) }, 200))
  .openapi(patch, async (c) => {
    const { programId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db } = c.var.deps;
    const current = await loadProgram(c, programId);
    if (body.courseIds) {
      const unknown = unknownCourses(c, 'courseIds', body.courseIds);
      if (unknown.length > 0) throw invalid(422, 'Some courses do not exist. Nothing was saved.', unknown);
      const stranded = (await cohortCoursesOf(db, programId)).filter((courseId) => !body.courseIds!.includes(courseId));
      if (stranded.length > 0) {
        throw new ApiError(409, 'conflict', 'Cohorts of this program take courses the new list leaves out. Nothing was saved.', { courseIds: stranded });
      }
    }
    if (body.regions) await checkRegionsWithinMine(c, body.regions);
    const startsOn = body.startsOn ?? current.startsOn;
    const endsOn = body.endsOn ?? current.endsOn;
    if (!datesInOrder(startsOn, endsOn))
      throw invalid(400, 'The end date is before the start date. Nothing was saved.', [{ path: 'endsOn', message: 'Before the start date.' }]);
    await updateProgram(db, programId, body);
    return c.json({ program: await loadProgram(c, programId) }, 200);
  })
  .openapi(addManager, async (c) => {
    const { programId } = c.req.valid('param');
    const { email } = c.req.valid('json');
    const { db } = c.var.deps;
    const program = await loadProgram(c, programId);
    const person = await userByEmail(db, email);
    const field = [{ path: 'email', message: 'Not a program manager’s account.' }];
    if (person?.role !== 'manager') throw invalid(422, 'There is no program manager with this email. An admin gives the manager role.', field);
    if (!reachesProgram(await regionsOfManager(db, person.id), program.regions)) {
      throw invalid(422, 'This manager’s regions do not include this program’s. An admin can extend their regions.', [
        { path: 'email', message: 'Outside their regions.' },
      ]);
    }
    const added = await addProgramManager(db, programId, person.id);
    const updated = await loadProgram(c, programId);
    return added ? c.json({ program: updated }, 201) : c.json({ program: updated }, 200);
  })
  .openapi(dropManager, async (c) => {
    const { programId, userId } = c.req.valid('param');
    const outcome = await removeProgramManager(c.var.deps.db, programId, userId);
    if (outcome === 'not-a-manager') throw notFound('manager of this program');
    if (outcome === 'last-manager') throw new ApiError(409, 'conflict', 'A program needs at least one manager. Name another manager first.');
    return c.body(null, 204);
  })
  .openapi(addCohort, async (c) => {
    const { programId } = c.req.valid('param');
    const body = c.req.valid('json');
    const program = await loadProgram(c, programId);
    if (!program.courseIds.includes(body.courseId)) {
      throw invalid(422, 'The cohort’s course must be one of the program’s courses. Nothing was saved.', [
        { path: 'courseId', message: 'Not a course of this program.' },
      ]);
    }
    const cohort = await createCohort(c.var.deps.db, { ...body, programId, pattern: body.pattern ?? null });
    return c.json({ cohort: { ...cohort, joinCode: formatJoinCode(cohort.joinCode) } }, 201);
  });
