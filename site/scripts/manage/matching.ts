// /{locale}/manage/matching/?id=<cohort>: run mentor matching (a job: its progress is polled),
// review the proposals grouped by mentor with each one's reasons, move a learner (refusals and
// lower scores explained), approve or discard; and the program's matching rules.
import { api } from '../api.ts';
import {
  $,
  alertPage,
  announce,
  attempt,
  busy,
  checked,
  clearErrors,
  confirmAction,
  countryName,
  el,
  failAction,
  failLoad,
  failureOf,
  locale,
  pageId,
  regionName,
  runningText,
  showErrors,
  showGate,
  t,
  text,
} from './ui.ts';

type RunDetail = Awaited<ReturnType<Awaited<ReturnType<(typeof api)['matching-runs'][':runId']['$get']>>['json']>>;
type Run = RunDetail['run'];
type MentorView = RunDetail['mentors'][number];
type ProposalView = MentorView['learners'][number];

const POLL_MS = 700;
const languageName = new Intl.DisplayNames([locale], { type: 'language' });
const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const slotTime = new Intl.DateTimeFormat(locale, { weekday: 'long', hour: '2-digit', minute: '2-digit', timeZone: viewerZone, timeZoneName: 'short' });

let cohortId = '';
let detail: RunDetail | null = null;

/** A slot's first meeting, on the viewer's own clock (the weekly time follows from it). */
function slotLabel(slot: MentorView['slots'][number]) {
  const time = slot.startsAt ? slotTime.format(new Date(slot.startsAt)) : `${slot.weekday} ${slot.start}`;
  return t('matching.mentor.slot', { time, minutes: slot.minutes, size: slot.size });
}

function reasonText(r: ProposalView['reasons'][number]): string {
  const d = r.detail as { country?: string; region?: string; tags?: string[]; minutes?: number; rank?: number };
  const points = r.points > 0 ? `+${r.points}` : String(r.points);
  switch (r.term) {
    case 'expertise':
      return t('matching.reason.expertise', { points });
    case 'region':
      return d.country
        ? t('matching.reason.region.country', { place: countryName(d.country), points })
        : t('matching.reason.region.region', { place: regionName(d.region ?? ''), points });
    case 'overlap':
      return t('matching.reason.overlap', { minutes: d.minutes ?? 0, points });
    case 'tags':
      return t('matching.reason.tags', { tags: (d.tags ?? []).join(', '), points });
    case 'load':
      return t('matching.reason.load', { rank: d.rank ?? 1, points });
    default:
      return `${r.term} (${points})`;
  }
}

function blockerText(p: ProposalView): string {
  if (p.overridden && !p.blocker) return t('matching.blocker.manual');
  const base = t(`matching.blocker.${p.blocker ?? 'capacity'}`);
  return p.incompleteProfile ? `${base} ${t('matching.blocker.incomplete')}` : base;
}

function showProgress(run: Run) {
  const box = $('[data-progress]');
  box.hidden = run.status !== 'running';
  if (run.status !== 'running') return;
  $('[data-progress-text]').textContent = runningText(run);
  $<HTMLProgressElement>('#run-progress').value = run.progress;
}

/** Every place a learner could be moved to: each mentor's slots (group mode) or the mentor (one to one). */
function moveChoices(view: RunDetail) {
  const group = view.run.mode === 'group';
  return view.mentors.flatMap((m) =>
    group ? m.slots.map((s) => ({ value: `${m.id}|${s.id}`, label: `${m.name} · ${slotLabel(s)}` })) : [{ value: `${m.id}|`, label: m.name }],
  );
}

function moveForm(view: RunDetail, p: ProposalView): HTMLFormElement {
  const id = `move-${p.learner.id}`;
  const current = p.mentorId ? `${p.mentorId}|${p.slotId ?? ''}` : '';
  const select = el(
    'select',
    { id, name: 'to', 'aria-describedby': `${id}-error` },
    el('option', { value: '', selected: current === '' }, t('matching.move.none')),
    ...moveChoices(view).map((c) => el('option', { value: c.value, selected: c.value === current }, c.label)),
  );
  const form = el(
    'form',
    { class: 'move', 'data-move': p.learner.id, novalidate: true, hidden: true },
    el(
      'div',
      { 'data-field': 'mentorId' },
      el('label', { for: id }, t('matching.move.label', { name: p.learner.name })),
      select,
      el('p', { class: 'field-error', id: `${id}-error` }),
    ),
    el('p', { class: 'alert', role: 'alert', 'data-form-alert': true }),
    el('button', { type: 'submit' }, t('matching.move.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, () => move(form, p, text(form, 'to')));
  });
  return form;
}

async function move(form: HTMLFormElement, p: ProposalView, to: string, confirm = false): Promise<void> {
  clearErrors(form);
  const [mentorId, slotId] = to ? to.split('|') : [null, null];
  const response = await attempt(
    api['matching-runs'][':runId'].proposals[':learnerId'].$put({
      param: { runId: detail!.run.id, learnerId: p.learner.id },
      json: { mentorId: mentorId || null, slotId: slotId || null, confirm },
    }),
  );
  if (response?.ok) {
    announce(t('matching.move.done', { name: p.learner.name }));
    await reload(p.learner.id);
    return;
  }
  // A lower score is a 409 whose details ask for confirmation; read them before failureOf reads the body.
  const raw = (await response
    ?.clone()
    .json()
    .catch(() => null)) as { error?: { details?: { needsConfirm?: boolean; score?: number; proposedScore?: number } } } | null;
  const info = raw?.error?.details;
  const failure = await failureOf(response);
  if (failure.status === 409 && info?.needsConfirm) {
    const yes = await confirmAction(t('matching.move.lower', { score: info.score ?? 0, proposed: info.proposedScore ?? 0 }), t('matching.move.confirm'));
    if (yes) await move(form, p, to, true);
    return;
  }
  showErrors(form, failure, () => 'mentorId');
}

function learnerItem(view: RunDetail, p: ProposalView, mentor?: MentorView): HTMLLIElement {
  const notes = [p.kept && t('matching.learner.kept'), p.overridden && t('matching.learner.overridden')].filter(Boolean).join(' · ');
  const slot = mentor?.slots.find((s) => s.id === p.slotId);
  const form = moveForm(view, p);
  const open = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': form.id || undefined }, t('matching.move.button'));
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('select')?.focus();
  });
  const decided = view.run.status !== 'proposed';
  const body = mentor
    ? el(
        'details',
        {},
        el('summary', {}, t('matching.learner.why')),
        el(
          'ul',
          {},
          ...(p.language ? [el('li', {}, t('matching.learner.language', { language: languageName.of(p.language) ?? p.language }))] : []),
          ...(slot ? [el('li', {}, t('matching.learner.slot', { time: slotLabel(slot) }))] : []),
          ...p.reasons.map((r) => el('li', {}, reasonText(r))),
        ),
      )
    : el('p', { class: 'meta' }, blockerText(p));
  return el(
    'li',
    { 'data-learner': p.learner.id },
    el('strong', {}, p.learner.name),
    p.learner.country ? ` (${countryName(p.learner.country)})` : '',
    mentor ? ` · ${t('matching.learner.score', { score: p.score })}` : '',
    notes ? el('span', { class: 'meta' }, ` · ${notes}`) : '',
    body,
    decided ? '' : open,
    decided ? '' : form,
  );
}

function paint(view: RunDetail) {
  detail = view;
  const { run } = view;
  showProgress(run);
  $('[data-no-run]').hidden = true;
  const summary = run.summary;
  const total = view.mentors.reduce((n, m) => n + m.learners.length, 0) + view.unmatched.length;
  $('[data-summary]').hidden = run.status === 'running';
  $('[data-matched]').textContent = summary.totals ? t('matching.summary.matched', { matched: summary.totals.matched, total }) : '';
  $('[data-fit]').textContent =
    summary.totals && summary.greedy
      ? `${t('matching.summary.fit', { fit: summary.totals.fit, greedyMatched: summary.greedy.matched, greedyFit: summary.greedy.fit })} ${summary.optimal === 'certified' ? t('matching.summary.certified') : ''}`
      : '';
  $('[data-status]').textContent =
    run.status === 'failed' ? t('matching.run.failed', { message: run.error ?? '' }) : t(`matching.summary.status.${run.status}`);
  $('[data-decide]').hidden = run.status !== 'proposed';
  $('[data-mentors]').replaceChildren(
    ...(run.status === 'running' ? [] : view.mentors.filter((m) => m.learners.length > 0)).map((m) =>
      el(
        'div',
        { class: 'group', 'data-mentor': m.id },
        el('h3', {}, m.name, m.country ? ` (${countryName(m.country)})` : ''),
        el(
          'p',
          { class: 'meta' },
          t('matching.mentor.load', { count: m.learners.length, capacity: m.capacity }),
          ' · ',
          m.slots.length ? m.slots.map(slotLabel).join('; ') : view.run.mode === 'group' ? t('matching.mentor.noSlots') : '',
        ),
        el('ul', {}, ...m.learners.map((p) => learnerItem(view, p, m))),
      ),
    ),
  );
  const unmatched = run.status === 'running' ? [] : view.unmatched;
  $('[data-unmatched]').replaceChildren(...unmatched.map((p) => learnerItem(view, p)));
  $('[data-unmatched-none]').hidden = unmatched.length > 0 || run.status === 'running';
}

async function fetchRun(runId: string) {
  const response = await attempt(api['matching-runs'][':runId'].$get({ param: { runId } }));
  if (!response?.ok) return { ok: false as const, failure: await failureOf(response) };
  return { ok: true as const, data: await response.json() };
}

/** Polls a running run until it is proposed (or failed), painting its progress. */
async function follow(runId: string) {
  for (;;) {
    const got = await fetchRun(runId);
    if (!got.ok) return failAction(got.failure);
    paint(got.data);
    if (got.data.run.status !== 'running') {
      if (got.data.run.status === 'failed') alertPage(t('matching.run.failed', { message: got.data.run.error ?? '' }));
      else announce($('[data-matched]').textContent ?? '');
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function reload(focusLearner?: string) {
  if (!detail) return;
  const got = await fetchRun(detail.run.id);
  if (!got.ok) return failAction(got.failure);
  paint(got.data);
  if (focusLearner)
    $(`[data-learner="${CSS.escape(focusLearner)}"] strong`)
      ?.closest('li')
      ?.querySelector<HTMLElement>('summary, button')
      ?.focus();
}

function setupRun() {
  const form = $<HTMLFormElement>('form[data-run]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const mode = text(form, 'mode') as 'group' | 'one-to-one';
      const scope = text(form, 'scope') as 'changes' | 'full';
      const response = await attempt(api.cohorts[':cohortId']['matching-runs'].$post({ param: { cohortId }, json: { mode, scope } }));
      if (!response?.ok) return showErrors(form, await failureOf(response));
      const { run } = await response.json();
      history.replaceState(null, '', `?id=${encodeURIComponent(cohortId)}&run=${encodeURIComponent(run.id)}`);
      showProgress(run as Run);
      await follow(run.id);
    });
  });
  $('[data-approve]').addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    if (!detail || !(await confirmAction(t('matching.approveConfirm'), t('matching.approve')))) return;
    await busy(button, async () => {
      const response = await attempt(api['matching-runs'][':runId'].approve.$post({ param: { runId: detail!.run.id } }));
      if (!response?.ok) return failAction(await failureOf(response));
      const done = await response.json();
      announce(t('matching.approved', { groups: done.groupsCreated, learners: done.learnersPlaced, meetings: done.meetingsCreated }));
      $('[data-page-status]').textContent = t('matching.approved', {
        groups: done.groupsCreated,
        learners: done.learnersPlaced,
        meetings: done.meetingsCreated,
      });
      await reload();
    });
  });
  $('[data-discard]').addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    if (!detail || !(await confirmAction(t('matching.discardConfirm'), t('matching.discard')))) return;
    await busy(button, async () => {
      const response = await attempt(api['matching-runs'][':runId'].discard.$post({ param: { runId: detail!.run.id } }));
      if (!response?.ok) return failAction(await failureOf(response));
      announce(t('matching.discarded'));
      await reload();
    });
  });
}

async function setupRules(programId: string, programName: string) {
  const form = $<HTMLFormElement>('form[data-rules]');
  $('[data-rules-lead]').textContent = t('matching.rules.lead', { program: programName });
  const response = await attempt(api.programs[':programId']['matching-rules'].$get({ param: { programId } }));
  if (!response?.ok) return failAction(await failureOf(response));
  const { rules } = await response.json();
  const fill = (r: typeof rules) => {
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name=extraLanguages]')) box.checked = r.extraLanguages.includes(box.value);
    form.querySelector<HTMLInputElement>('input[name=excludeSameCountry]')!.checked = r.excludeSameCountry;
    form.querySelector<HTMLInputElement>('input[name=tags]')!.value = r.tags.join(', ');
    form.querySelector<HTMLInputElement>('input[name=minOverlapMinutes]')!.value = String(r.minOverlapMinutes);
    for (const [k, v] of Object.entries(r.weights)) form.querySelector<HTMLInputElement>(`input[name="weights.${k}"]`)!.value = String(v);
    for (const radio of $$radios()) radio.checked = radio.value === r.mode;
  };
  fill(rules);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const num = (name: string) => Number(text(form, name));
      const weights = Object.fromEntries((['expertise', 'region', 'overlap', 'tags', 'load'] as const).map((k) => [k, num(`weights.${k}`)]));
      const saved = await attempt(
        api.programs[':programId']['matching-rules'].$patch({
          param: { programId },
          json: {
            extraLanguages: checked(form, 'extraLanguages'),
            excludeSameCountry: form.querySelector<HTMLInputElement>('input[name=excludeSameCountry]')!.checked,
            tags: text(form, 'tags')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            minOverlapMinutes: num('minOverlapMinutes'),
            weights,
          },
        }),
      );
      if (!saved?.ok) return showErrors(form, await failureOf(saved));
      fill((await saved.json()).rules);
      announce(t('matching.rules.saved'));
    });
  });
}

/** The run form's mode radios (set to the program's mode). */
const $$radios = () => [...document.querySelectorAll<HTMLInputElement>('form[data-run] input[name=mode]')];

export async function showMatching() {
  const id = pageId();
  if (!id) return showGate('missing');
  cohortId = id;
  const cohortResponse = await attempt(api.cohorts[':cohortId'].$get({ param: { cohortId } }));
  if (!cohortResponse?.ok) return failLoad(await failureOf(cohortResponse));
  const { cohort } = await cohortResponse.json();
  // Mentors may read a cohort, but only its managers see the join code: matching is theirs.
  if (cohort.joinCode === undefined) return showGate('forbidden');
  $('[data-title]', document).textContent = `${t('matching.title')}: ${cohort.name}`;
  $<HTMLAnchorElement>('[data-back]', document).href = `/${locale}/manage/cohort/?id=${encodeURIComponent(cohortId)}`;
  document.title = `${t('matching.title')}: ${cohort.name} · ${document.title.split(' · ').pop()}`;
  showGate('ready');
  setupRun();
  await setupRules(cohort.programId, cohort.programName);

  const wanted = new URLSearchParams(location.search).get('run');
  const runs = await attempt(api.cohorts[':cohortId']['matching-runs'].$get({ param: { cohortId } }));
  if (!runs?.ok) return failAction(await failureOf(runs));
  const list = (await runs.json()).runs;
  const open = list.find((r) => r.id === wanted) ?? list[0];
  if (open) await follow(open.id);
}
