// The manager's matching flow: program rules, run a cohort's matching (a job with progress), review
// proposals with their reasons, override a learner (hard constraints refused, a lower score
// confirmed), approve (groups, weekly meetings, notifications) or discard. Every step is audited.
import { z } from '@hono/zod-openapi';
import { utcToZoned } from '#core/schedule/zoned.ts';
import type { AppContext } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { currentUser } from '../auth/current-user.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { notify } from '../notifications/store.ts';
import {
  cohortSnapshot,
  cohortsOfProgram,
  createRun,
  latestBatchOf,
  discardRun,
  overrideProposal,
  programRulesOf,
  proposalsOf,
  runById,
  runsOfCohort,
  saveProgramRules,
  applyApproval,
} from './store.ts';
import { applyRulesPatch, programRulesPatchSchema } from './rules.ts';
import { executeBatch, executeRun } from './run.ts';
import { approvalPlan, placementCheck, runView } from './review.ts';
import { prepareRun } from './input.ts';
import { id, OverrideBody, ProgramBatch, Proposal, Rules, Run, RunBody, RunDetail } from './schemas.ts';

/** A run left `running` this long is taken to have died with its process; another may start. */
export const STALE_RUN_MS = 10 * 60_000;

const programParams = z.object({ programId: id });
const cohortParams = z.object({ cohortId: id });
const runParams = z.object({ runId: id });

const getRules = defineRoute({
  method: 'get',
  path: '/programs/{programId}/matching-rules',
  tags: ['matching'],
  access: { scope: 'program', param: 'programId' },
  summary: 'How the program matches mentors and learners: mode, languages, country rule, valued tags, weights',
  request: { params: programParams },
  responses: { 200: jsonContent(z.object({ rules: Rules }), 'The rules, defaults filled in'), ...errors(400, 401, 403, 404) },
});

const putRules = defineRoute({
  method: 'patch',
  path: '/programs/{programId}/matching-rules',
  tags: ['matching'],
  access: { scope: 'program', param: 'programId' },
  summary: 'Change some of the program’s matching rules (omitted fields are kept)',
  request: { params: programParams, body: jsonBody(programRulesPatchSchema.openapi('MatchingRulesPatch')) },
  responses: { 200: jsonContent(z.object({ rules: Rules }), 'Saved'), ...errors(400, 401, 403, 404, 415) },
});

const startRun = defineRoute({
  method: 'post',
  path: '/cohorts/{cohortId}/matching-runs',
  tags: ['matching'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'Start matching the cohort; answers at once, the run carries its progress (poll it)',
  request: { params: cohortParams, body: jsonBody(RunBody) },
  responses: { 202: jsonContent(z.object({ run: Run }), 'Started'), ...errors(400, 401, 403, 404, 409, 415, 422) },
});

const startProgramRun = defineRoute({
  method: 'post',
  path: '/programs/{programId}/matching-runs',
  tags: ['matching'],
  access: { scope: 'program', param: 'programId' },
  summary: 'Match every cohort of the program, earliest start first, each seeing what the ones before it took; answers at once (poll it)',
  request: { params: programParams, body: jsonBody(RunBody) },
  responses: { 202: jsonContent(ProgramBatch, 'Started'), ...errors(400, 401, 403, 404, 409, 415, 422) },
});

const getProgramRun = defineRoute({
  method: 'get',
  path: '/programs/{programId}/matching-runs',
  tags: ['matching'],
  access: { scope: 'program', param: 'programId' },
  summary: 'The program’s latest program-wide matching: each cohort’s run with its progress or summary',
  request: { params: programParams },
  responses: { 200: jsonContent(ProgramBatch, 'The latest batch (batchId null when there is none)'), ...errors(400, 401, 403, 404) },
});

const listRuns = defineRoute({
  method: 'get',
  path: '/cohorts/{cohortId}/matching-runs',
  tags: ['matching'],
  access: { scope: 'cohort-manager', param: 'cohortId' },
  summary: 'The cohort’s recent matching runs, newest first',
  request: { params: cohortParams },
  responses: { 200: jsonContent(z.object({ runs: z.array(Run) }), 'Runs'), ...errors(400, 401, 403, 404) },
});

const getRun = defineRoute({
  method: 'get',
  path: '/matching-runs/{runId}',
  tags: ['matching'],
  access: { scope: 'match-run', param: 'runId' },
  summary: 'A run: its progress, then its proposals grouped by mentor with reasons, and who is unmatched and why',
  request: { params: runParams },
  responses: { 200: jsonContent(RunDetail, 'The run'), ...errors(400, 401, 403, 404) },
});

const override = defineRoute({
  method: 'put',
  path: '/matching-runs/{runId}/proposals/{learnerId}',
  tags: ['matching'],
  access: { scope: 'match-run', param: 'runId' },
  summary: 'Move one learner to another mentor (or slot, or none): hard constraints are refused; a lower score needs confirm',
  request: { params: z.object({ runId: id, learnerId: id }), body: jsonBody(OverrideBody) },
  responses: { 200: jsonContent(z.object({ proposal: Proposal }), 'Moved'), ...errors(400, 401, 403, 404, 409, 415, 422) },
});

const approve = defineRoute({
  method: 'post',
  path: '/matching-runs/{runId}/approve',
  tags: ['matching'],
  access: { scope: 'match-run', param: 'runId' },
  summary: 'Approve the proposals: creates the mentor groups and their weekly meetings, tells mentors and learners',
  responses: {
    200: jsonContent(z.object({ run: Run, groupsCreated: z.number().int(), learnersPlaced: z.number().int(), meetingsCreated: z.number().int() }), 'Approved'),
    ...errors(400, 401, 403, 404, 409),
  },
  request: { params: runParams },
});

const discard = defineRoute({
  method: 'post',
  path: '/matching-runs/{runId}/discard',
  tags: ['matching'],
  access: { scope: 'match-run', param: 'runId' },
  summary: 'Discard a run’s proposals; nothing changes for anyone',
  request: { params: runParams },
  responses: { 200: jsonContent(z.object({ run: Run }), 'Discarded'), ...errors(400, 401, 403, 404, 409) },
});

async function loadRun(c: AppContext, runId: string) {
  const run = await runById(c.var.deps.db, runId);
  if (!run) throw notFound('matching run');
  return run;
}

function runJson(run: NonNullable<Awaited<ReturnType<typeof runById>>>) {
  const { summary, startedBy: _s, decidedBy: _d, ...rest } = run;
  return { ...rest, summary: JSON.parse(summary) as Record<string, unknown> };
}

/** 409 when the cohort's latest run is still going (one that has run past STALE_RUN_MS is taken to have died). */
async function refuseIfRunning(c: AppContext, cohortId: string, now: Date, cohortName?: string) {
  const [latest] = await runsOfCohort(c.var.deps.db, cohortId, 1);
  if (latest?.status === 'running' && now.getTime() - Date.parse(latest.startedAt) < STALE_RUN_MS) {
    const which = cohortName ? `for the cohort “${cohortName}”` : 'for this cohort';
    throw new ApiError(409, 'conflict', `Matching is already running ${which}; wait for it to finish.`, { runId: latest.id, cohortId });
  }
}

/** Node keeps the promise running by itself; Workers must be told to wait for it after the response. */
function inBackground(c: AppContext, work: Promise<void>) {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (Node, tests): the promise runs on its own.
  }
}

export const matchingRoutes = newRouter()
  .openapi(getRules, async (c) => {
    const rules = await programRulesOf(c.var.deps.db, c.req.valid('param').programId);
    if (!rules) throw notFound('program');
    return c.json({ rules }, 200);
  })
  .openapi(putRules, async (c) => {
    const { programId } = c.req.valid('param');
    const { db, clock } = c.var.deps;
    const current = await programRulesOf(db, programId);
    if (!current) throw notFound('program');
    const rules = applyRulesPatch(current, c.req.valid('json'));
    await saveProgramRules(db, programId, rules, currentUser(c).id, clock());
    return c.json({ rules }, 200);
  })
  .openapi(startRun, async (c) => {
    const { cohortId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, clock, log, solveMatching, matchingLimit } = c.var.deps;
    const now = clock();
    await refuseIfRunning(c, cohortId, now);
    const snapshot = await cohortSnapshot(db, cohortId);
    if (!snapshot) throw notFound('cohort');
    const { rules } = snapshot;
    const size = { learners: snapshot.learners.length, mentors: snapshot.mentors.length, limit: matchingLimit };
    if (size.learners * size.mentors > matchingLimit) {
      throw new ApiError(
        422,
        'invalid_request',
        `This cohort is too large to match here (${size.learners} learners × ${size.mentors} mentors; the most is ${matchingLimit} pairs). Run matching on the Node server, which solves large programs in the background. Nothing was started.`,
        size,
      );
    }
    const run = await createRun(db, { cohortId, mode: body.mode ?? rules.mode, scope: body.scope, startedBy: currentUser(c).id }, now);
    inBackground(
      c,
      executeRun(db, run, clock, solveMatching, (message, data) => log('error', message, data)),
    );
    return c.json({ run: runJson(run) }, 202);
  })
  .openapi(startProgramRun, async (c) => {
    const { programId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, clock, log, solveMatching, matchingLimit } = c.var.deps;
    const now = clock();
    const rules = await programRulesOf(db, programId);
    if (!rules) throw notFound('program');
    const cohorts = await cohortsOfProgram(db, programId);
    if (cohorts.length === 0)
      throw new ApiError(422, 'invalid_request', 'This program has no cohorts yet: create one first. Nothing was started.', { cohorts: 0 });
    for (const cohort of cohorts) await refuseIfRunning(c, cohort.id, now, cohort.name);
    // The edge solves a batch inline, one cohort after another, in one request's background time:
    // the limit is on the batch's pairs together.
    let pairs = 0;
    for (const cohort of cohorts) {
      const snapshot = await cohortSnapshot(db, cohort.id);
      if (snapshot) pairs += snapshot.learners.length * snapshot.mentors.length;
    }
    if (pairs > matchingLimit) {
      throw new ApiError(
        422,
        'invalid_request',
        `This program is too large to match here (${pairs} learner × mentor pairs over ${cohorts.length} cohorts; the most is ${matchingLimit}). Run matching on the Node server, which solves large programs in the background. Nothing was started.`,
        { pairs, cohorts: cohorts.length, limit: matchingLimit },
      );
    }
    const batchId = crypto.randomUUID();
    const startedBy = currentUser(c).id;
    const runs = [];
    for (const cohort of cohorts)
      runs.push(await createRun(db, { cohortId: cohort.id, batchId, mode: body.mode ?? rules.mode, scope: body.scope, startedBy }, now));
    inBackground(
      c,
      executeBatch(db, runs, clock, solveMatching, (message, data) => log('error', message, data)),
    );
    return c.json({ batchId, runs: runs.map((r, i) => ({ ...runJson(r), cohortName: cohorts[i]!.name })) }, 202);
  })
  .openapi(getProgramRun, async (c) => {
    const { programId } = c.req.valid('param');
    const { db } = c.var.deps;
    if (!(await programRulesOf(db, programId))) throw notFound('program');
    const batch = await latestBatchOf(db, programId);
    if (!batch) return c.json({ batchId: null, runs: [] }, 200);
    return c.json({ batchId: batch.batchId, runs: batch.runs.map(({ cohortName, ...run }) => ({ ...runJson(run), cohortName })) }, 200);
  })
  .openapi(listRuns, async (c) => {
    const runs = await runsOfCohort(c.var.deps.db, c.req.valid('param').cohortId);
    return c.json({ runs: runs.map(runJson) }, 200);
  })
  .openapi(getRun, async (c) => {
    const { db } = c.var.deps;
    const run = await loadRun(c, c.req.valid('param').runId);
    const snapshot = await cohortSnapshot(db, run.cohortId, run.batchId);
    if (!snapshot) throw notFound('cohort');
    const proposals = run.status === 'running' ? [] : await proposalsOf(db, run.id);
    return c.json({ run: runJson(run), ...runView(snapshot, run, proposals) }, 200);
  })
  .openapi(override, async (c) => {
    const { runId, learnerId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, clock } = c.var.deps;
    const run = await loadRun(c, runId);
    if (run.status !== 'proposed')
      throw new ApiError(409, 'conflict', `This run is ${run.status}; only proposed runs can be changed. Nothing was changed.`, { status: run.status });
    const snapshot = await cohortSnapshot(db, run.cohortId, run.batchId);
    if (!snapshot) throw notFound('cohort');
    const proposals = await proposalsOf(db, run.id);
    const current = proposals.find((p) => p.learnerId === learnerId);
    if (!current) throw notFound('learner in this run');
    const prepared = prepareRun(snapshot, run.mode, 'full');
    const check = placementCheck(prepared.input, proposals, learnerId, body.mentorId, body.slotId);
    if (!check.ok) {
      throw new ApiError(422, 'invalid_request', `${check.message} Nothing was changed.`, { blocker: check.blocker });
    }
    if (check.score < current.score && current.mentorId !== null && !body.confirm) {
      throw new ApiError(
        409,
        'conflict',
        `This placement scores ${check.score}, lower than the proposed ${current.score}. Send confirm: true to make it anyway.`,
        {
          needsConfirm: true,
          score: check.score,
          proposedScore: current.score,
          reasons: check.reasons,
        },
      );
    }
    await overrideProposal(
      db,
      run.id,
      {
        learnerId,
        mentorId: body.mentorId,
        slotId: check.slotId,
        language: check.language,
        score: check.score,
        reasons: check.reasons,
        blocker: check.blocker,
      },
      currentUser(c).id,
      clock(),
    );
    const view = runView(snapshot, run, await proposalsOf(db, run.id));
    const proposal = [...view.mentors.flatMap((m) => m.learners), ...view.unmatched].find((p) => p.learner.id === learnerId)!;
    return c.json({ proposal }, 200);
  })
  .openapi(approve, async (c) => {
    const { db, clock } = c.var.deps;
    const now = clock();
    const run = await loadRun(c, c.req.valid('param').runId);
    if (run.status !== 'proposed')
      throw new ApiError(409, 'conflict', `This run is ${run.status}; only proposed runs can be approved.`, { status: run.status });
    const snapshot = await cohortSnapshot(db, run.cohortId, run.batchId);
    if (!snapshot) throw notFound('cohort');
    const plan = approvalPlan(snapshot, run, await proposalsOf(db, run.id), utcToZoned(now, snapshot.cohort.timeZone).date);
    if ('stale' in plan) {
      throw new ApiError(409, 'conflict', `${plan.stale} learners were grouped by hand since this run; run matching again. Nothing was changed.`, {
        stale: plan.stale,
      });
    }
    await applyApproval(db, run, plan.apply, currentUser(c).id, now);
    for (const n of plan.notices) await notify(db, n.userIds, 'mentor.assigned', n.data, now);
    return c.json(
      {
        run: runJson((await runById(db, run.id))!),
        groupsCreated: plan.apply.newGroups.length,
        learnersPlaced: plan.placed,
        meetingsCreated: plan.apply.newGroups.reduce((n, g) => n + g.meetings.length, 0),
      },
      200,
    );
  })
  .openapi(discard, async (c) => {
    const { db, clock } = c.var.deps;
    const run = await loadRun(c, c.req.valid('param').runId);
    if (run.status !== 'proposed' && run.status !== 'failed')
      throw new ApiError(409, 'conflict', `This run is ${run.status}; it cannot be discarded.`, { status: run.status });
    await discardRun(db, run.id, currentUser(c).id, clock());
    return c.json({ run: runJson((await runById(db, run.id))!) }, 200);
  });
