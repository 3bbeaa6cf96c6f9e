// The program page's "Match the whole program": start a batch (one run per cohort, solved in turn,
// in the program's own mode), follow each cohort's progress, then link to each cohort's review.
import { api } from '../api.ts';
import { $, announce, attempt, busy, clearErrors, el, failAction, failureOf, locale, runningText, showErrors, t, text } from './ui.ts';

type Batch = Awaited<ReturnType<Awaited<ReturnType<(typeof api)['programs'][':programId']['matching-runs']['$get']>>['json']>>;
type BatchRun = Batch['runs'][number];

const POLL_MS = 700;

function statusOf(run: BatchRun) {
  if (run.status === 'running') return runningText(run);
  if (run.status === 'failed') return t('matching.run.failed', { message: run.error ?? '' });
  return t(`matching.summary.status.${run.status}`);
}

function placedOf(run: BatchRun) {
  const totals = run.summary.totals;
  const learners = run.summary.stats?.learners;
  return totals && learners !== undefined ? t('matching.program.placedOf', { matched: totals.matched, learners }) : '';
}

function paint(batch: Batch) {
  $('[data-batch-none]').hidden = batch.runs.length > 0;
  $('[data-batch]').hidden = batch.runs.length === 0;
  $('[data-batch-runs]').replaceChildren(
    ...batch.runs.map((r) =>
      el(
        'tr',
        { 'data-run': r.id },
        el('th', { scope: 'row' }, r.cohortName),
        el('td', {}, statusOf(r)),
        el('td', {}, placedOf(r)),
        el(
          'td',
          {},
          r.status === 'running'
            ? null
            : el(
                'a',
                {
                  href: `/${locale}/manage/matching/?id=${encodeURIComponent(r.cohortId)}&run=${encodeURIComponent(r.id)}`,
                  'aria-label': t('matching.program.reviewLabel', { cohort: r.cohortName }),
                },
                t('matching.program.review'),
              ),
        ),
      ),
    ),
  );
}

async function fetchBatch(programId: string) {
  const response = await attempt(api.programs[':programId']['matching-runs'].$get({ param: { programId } }));
  if (!response?.ok) return { ok: false as const, failure: await failureOf(response) };
  return { ok: true as const, batch: await response.json() };
}

/** Polls until no cohort of the batch is running, painting each cohort's progress. */
async function follow(programId: string, announceEnd: boolean) {
  for (;;) {
    const got = await fetchBatch(programId);
    if (!got.ok) return failAction(got.failure);
    paint(got.batch);
    if (!got.batch.runs.some((r) => r.status === 'running')) {
      if (announceEnd) announce(t('matching.program.done'));
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function setupProgramMatching(programId: string) {
  const form = $<HTMLFormElement>('form[data-program-run]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const scope = text(form, 'scope') as 'changes' | 'full';
      const response = await attempt(api.programs[':programId']['matching-runs'].$post({ param: { programId }, json: { scope } }));
      if (!response?.ok) return showErrors(form, await failureOf(response));
      paint(await response.json());
      await follow(programId, true);
    });
  });
  await follow(programId, false);
}
