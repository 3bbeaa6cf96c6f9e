// /{locale}/mentor/group/?id=: one mentor group. Mentees' progress per lesson and what needs
// attention, private notes, meetings (in the reader's own time zone) with attendance, one-off
// meetings, capstone reviews and the cohort's calendar address.
import type { InferResponseType } from 'hono/client';
import { api } from '../api.ts';
import { showFeed } from './feed.ts';
import { type Flag, flagList } from './flags.ts';
import { summaryText } from './summary.ts';
import {
  $,
  alertPage,
  announce,
  area,
  attempt,
  busy,
  clearErrors,
  confirmAction,
  countCharacters,
  courseName,
  el,
  failAction,
  failLoad,
  failureOf,
  formatDate,
  formatInstant,
  lessonTitle,
  loadPart,
  nameZone,
  query,
  readerInstant,
  rejectFields,
  showErrors,
  showGate,
  t,
  text,
  viewerZone,
} from './ui.ts';

type GroupData = InferResponseType<(typeof api.groups)[':groupId']['$get'], 200>;
type Mentee = GroupData['mentees'][number];
type Cohort = GroupData['group']['cohort'];
type Meeting = InferResponseType<(typeof api.cohorts)[':cohortId']['meetings']['$get'], 200>['upcoming'][number];
type Note = InferResponseType<(typeof api.mentees)[':learnerId']['notes']['$get'], 200>['notes'][number];
type Submission = InferResponseType<(typeof api.capstones)[':submissionId']['$get'], 200>['submission'];
type Attendance = InferResponseType<(typeof api.meetings)[':meetingId']['attendance']['$get'], 200>;

const MAX_NOTE = 4000;
const MAX_FEEDBACK = 4000;
let serial = 0;
const uid = (prefix: string) => `${prefix}-${++serial}`;

/** A labelled field with its error place, as ui.ts's form helpers expect. */
function field(path: string, label: string, control: HTMLElement, msg: string, hint?: string) {
  const id = control.id || uid(path);
  control.id = id;
  const described = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${described}`.trim());
  return el(
    'div',
    { 'data-field': path, 'data-msg': msg },
    el('label', { for: id }, label),
    hint && el('p', { class: 'hint', id: `${id}-hint` }, hint),
    control,
    el('p', { class: 'field-error', id: `${id}-error` }),
  );
}

/** A textarea with a live character count under it. */
function textArea(name: string, max: number, value = '') {
  const id = uid(name);
  const area = el('textarea', { id, name, maxlength: max, rows: 5, required: true, 'aria-describedby': `${id}-count` });
  area.value = value;
  const count = el('p', { class: 'count', id: `${id}-count` });
  countCharacters(area, count, max);
  return { area, count };
}

// ---- mentees ------------------------------------------------------------------------------------

function progressTable(m: Mentee, courseId: string) {
  const caption = t('mentor.group.progressOf', { name: m.name });
  const rows = m.lessons.map((l) => {
    const q = l.quiz;
    const quiz = !q
      ? t('mentor.group.noQuiz')
      : q.attempts === 0
        ? t('mentor.group.notTried')
        : t('mentor.group.quizResult', {
            best: q.best ?? 0,
            max: q.max ?? 0,
            attempts: q.attempts,
            result: t(q.passed ? 'mentor.group.passed' : 'mentor.group.notPassed'),
          });
    const title = lessonTitle(courseId, l.lessonId);
    return el(
      'tr',
      { 'data-lesson': l.lessonId },
      el('th', { scope: 'row' }, title === l.lessonId ? l.title : title),
      el('td', { class: l.completed ? 'ok' : '' }, t(l.completed ? 'mentor.group.yes' : 'mentor.group.no')),
      el('td', {}, quiz),
    );
  });
  return el(
    'div',
    { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-label': caption },
    el(
      'table',
      {},
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, t('mentor.group.lesson')),
          el('th', { scope: 'col' }, t('mentor.group.completed')),
          el('th', { scope: 'col' }, t('mentor.group.quiz')),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}

function assessmentLine(m: Mentee) {
  const a = m.assessment;
  if (!a) return null;
  if (a.attempts === 0) return el('p', {}, t('mentor.group.noAssessment'));
  return el(
    'p',
    {},
    t('mentor.group.assessment', { best: a.best ?? 0, max: a.max ?? 0, result: t(a.passed ? 'mentor.group.passed' : 'mentor.group.notPassed') }),
  );
}

function menteeCard(m: Mentee, cohort: Cohort) {
  const flags = m.flags as unknown as Flag[];
  const headingId = uid('mentee');
  const notesBox = el('div', { 'data-notes': m.id }, el('p', { class: 'status' }, t('mentor.common.loading')));
  const details = el(
    'details',
    { class: 'card', 'data-mentee': m.id },
    el(
      'summary',
      {},
      el('span', { id: headingId }, m.name),
      el('span', { class: 'meta' }, ` · ${summaryText(m.summary)}`),
      flags.length > 0 && el('span', { class: 'meta' }, ` · ${t('mentor.flag.count', { count: flags.length })}`),
    ),
    flagList(flags, cohort.courseId),
    progressTable(m, cohort.courseId),
    assessmentLine(m),
    el('h3', {}, t('mentor.group.notesOf', { name: m.name })),
    notesBox,
  );
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    void showNotes(notesBox, m, cohort);
  });
  return details;
}

// ---- notes --------------------------------------------------------------------------------------

async function showNotes(box: HTMLElement, m: Mentee, cohort: Cohort) {
  const response = await loadPart(box, api.mentees[':learnerId'].notes.$get({ param: { learnerId: m.id }, query: { cohortId: cohort.id } }));
  if (!response) return;
  const { notes } = await response.json();
  const list = el('ul', { class: 'plain', 'data-note-list': true });
  const empty = el('p', { 'data-no-notes': true }, t('mentor.group.noNotes'));
  const status = el('p', { class: 'saved', role: 'status' });
  const paintEmpty = () => {
    empty.hidden = list.children.length > 0;
  };
  for (const n of notes) list.append(noteItem(n, list, status, paintEmpty));
  paintEmpty();
  box.replaceChildren(empty, list, newNoteForm(m, cohort, list, status, paintEmpty), status);
}

function noteMeta(n: Note) {
  const written = formatInstant(n.createdAt);
  const when =
    n.updatedAt !== n.createdAt
      ? t('mentor.group.noteEdited', { date: written, edited: formatInstant(n.updatedAt) })
      : t('mentor.group.noteWritten', { date: written });
  return `${when} · ${t(n.shared ? 'mentor.group.noteShared' : 'mentor.group.notePrivate')}`;
}

function noteItem(n: Note, list: HTMLElement, status: HTMLElement, paintEmpty: () => void): HTMLLIElement {
  const li = el('li', { class: 'card', 'data-note': n.id });
  const show = (note: Note) => {
    const edit = el('button', { type: 'button', class: 'secondary small' }, t('mentor.common.edit'));
    const remove = el('button', { type: 'button', class: 'danger small' }, t('mentor.common.delete'));
    const alert = el('p', { class: 'alert', role: 'alert' });
    li.replaceChildren(
      el('p', { class: 'submission' }, note.body),
      el('p', { class: 'meta' }, noteMeta(note)),
      el('div', { class: 'actions' }, edit, remove),
      alert,
    );
    edit.addEventListener('click', () => editNote(note));
    remove.addEventListener('click', async () => {
      const next =
        (li.nextElementSibling ?? li.previousElementSibling)?.querySelector<HTMLElement>('button') ??
        list.parentElement?.querySelector<HTMLElement>('textarea');
      if (!(await confirmAction(t('mentor.group.confirmDelete'), t('mentor.common.delete'), next ?? undefined))) return;
      await busy(remove, async () => {
        const response = await attempt(api.notes[':noteId'].$delete({ param: { noteId: note.id } }));
        if (!response?.ok) return failAction(await failureOf(response), alert);
        li.remove();
        paintEmpty();
        announce(t('mentor.group.noteDeleted'), status);
        next?.focus();
      });
    });
  };
  const editNote = (note: Note) => {
    const { area, count } = textArea('body', MAX_NOTE, note.body);
    const shared = el('input', { type: 'checkbox', name: 'shared', checked: note.shared });
    const form = el(
      'form',
      { novalidate: true, 'data-edit-note': note.id },
      field('body', t('mentor.group.editNote'), area, t('mentor.group.noteError')),
      count,
      el('label', { class: 'check' }, shared, t('mentor.group.share')),
      el('p', { class: 'alert', role: 'alert', 'data-form-alert': true }),
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'submit' }, t('mentor.common.save')),
        el('button', { type: 'button', class: 'secondary', 'data-cancel': true }, t('mentor.common.cancel')),
      ),
    );
    li.replaceChildren(form);
    area.focus();
    $('[data-cancel]', form).addEventListener('click', () => {
      show(note);
      li.querySelector<HTMLElement>('button')?.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(form, async () => {
        clearErrors(form);
        const body = area.value.trim();
        if (!body || body.length > MAX_NOTE) return rejectFields(form, ['body']);
        const response = await attempt(api.notes[':noteId'].$patch({ param: { noteId: note.id }, json: { body, shared: shared.checked } }));
        if (!response?.ok) return showErrors(form, await failureOf(response));
        show((await response.json()).note);
        announce(t('mentor.group.noteSaved'), status);
        li.querySelector<HTMLElement>('button')?.focus();
      });
    });
  };
  show(n);
  return li;
}

function newNoteForm(m: Mentee, cohort: Cohort, list: HTMLElement, status: HTMLElement, paintEmpty: () => void) {
  const { area, count } = textArea('body', MAX_NOTE);
  const shared = el('input', { type: 'checkbox', name: 'shared' });
  const form = el(
    'form',
    { novalidate: true, 'data-new-note': m.id },
    field('body', t('mentor.group.newNote'), area, t('mentor.group.noteError')),
    count,
    el('label', { class: 'check' }, shared, t('mentor.group.share')),
    el('p', { class: 'alert', role: 'alert', 'data-form-alert': true }),
    el('button', { type: 'submit' }, t('mentor.group.addNote')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const body = area.value.trim();
      if (!body || body.length > MAX_NOTE) return rejectFields(form, ['body']);
      const response = await attempt(
        api.mentees[':learnerId'].notes.$post({ param: { learnerId: m.id }, json: { cohortId: cohort.id, body, shared: shared.checked } }),
      );
      if (!response?.ok) return showErrors(form, await failureOf(response));
      const { note } = await response.json();
      list.prepend(noteItem(note, list, status, paintEmpty));
      paintEmpty();
      form.reset();
      area.dispatchEvent(new Event('input'));
      announce(t('mentor.group.noteSaved'), status);
    });
  });
  return form;
}

// ---- meetings -----------------------------------------------------------------------------------

function meetingItem(m: Meeting, cohortId: string) {
  const started = Date.parse(m.startsAt) <= Date.now();
  const ics = `/api/cohorts/${encodeURIComponent(cohortId)}/meetings/${encodeURIComponent(m.id)}/ics`;
  const titleId = `meeting-${m.id}`;
  const li = el(
    'li',
    { class: 'card', 'data-meeting': m.id },
    el('h4', { id: titleId }, m.title),
    el(
      'p',
      {},
      el('span', { 'data-when': true }, formatInstant(m.startsAt)),
      ` · ${t('mentor.common.minutes', { minutes: m.durationMinutes })} · ${t(m.groupId ? 'mentor.common.myGroup' : 'mentor.common.wholeCohort')}`,
      m.cancelledAt && el('strong', { class: 'error' }, ` · ${t('mentor.common.cancelled')}`),
    ),
    !m.cancelledAt && el('p', {}, el('a', { href: ics, download: '', 'aria-describedby': titleId, 'data-ics': true }, t('mentor.common.ics'))),
  );
  if (started && !m.cancelledAt) {
    const box = el('div', {}, el('p', { class: 'status' }, t('mentor.common.loading')));
    const details = el('details', { 'data-attendance': m.id }, el('summary', {}, t('mentor.group.attendance')), box);
    let loaded = false;
    details.addEventListener('toggle', () => {
      if (!details.open || loaded) return;
      loaded = true;
      void showAttendance(box, m);
    });
    li.append(details);
  }
  return li;
}

async function showMeetings(cohortId: string) {
  const response = await attempt(api.cohorts[':cohortId'].meetings.$get({ param: { cohortId } }));
  if (!response?.ok) return failAction(await failureOf(response));
  const { upcoming, past } = await response.json();
  $('[data-upcoming]').replaceChildren(...upcoming.map((m) => meetingItem(m, cohortId)));
  $('[data-past]').replaceChildren(...past.map((m) => meetingItem(m, cohortId)));
  $('[data-no-upcoming]').hidden = upcoming.length > 0;
  $('[data-no-past]').hidden = past.length > 0;
}

const STATUSES = ['present', 'absent', 'excused'] as const;

async function showAttendance(box: HTMLElement, m: Meeting) {
  const response = await loadPart(box, api.meetings[':meetingId'].attendance.$get({ param: { meetingId: m.id } }));
  if (response) renderAttendance(box, await response.json());
}

function renderAttendance(box: HTMLElement, data: Attendance) {
  const { window: w, attendees, meeting } = data;
  if (w.state === 'not-started') return box.replaceChildren(el('p', {}, t('mentor.group.attendanceNotYet')));
  if (attendees.length === 0) return box.replaceChildren(el('p', {}, t('mentor.group.attendanceNone')));
  const closed = w.state === 'closed';
  const form = el('form', { novalidate: true, 'data-attendance-form': meeting.id, 'aria-label': t('mentor.group.attendanceFor', { title: meeting.title }) });
  const reasonId = uid('closed');
  if (closed) form.append(el('p', { class: 'notice', id: reasonId }, t('mentor.group.attendanceClosed', { date: formatInstant(w.closesAt) })));
  for (const a of attendees) {
    const name = `att-${meeting.id}-${a.userId}`;
    form.append(
      el(
        'fieldset',
        { class: 'radios', 'data-person': a.userId, 'aria-describedby': closed ? reasonId : null },
        el('legend', {}, a.name),
        ...STATUSES.map((s) =>
          el('label', { class: 'check' }, el('input', { type: 'radio', name, value: s, checked: a.status === s, disabled: closed }), t(`mentor.group.${s}`)),
        ),
        closed && !a.status && el('span', { class: 'meta' }, t('mentor.group.notRecorded')),
      ),
    );
  }
  const status = el('p', { class: 'saved', role: 'status' });
  const alert = el('p', { class: 'alert', role: 'alert', 'data-form-alert': true });
  form.append(alert);
  if (!closed) form.append(el('button', { type: 'submit' }, t('mentor.group.saveAttendance')));
  form.append(status);
  box.replaceChildren(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      alert.textContent = '';
      const chosen = new FormData(form);
      const records = attendees.flatMap((a) => {
        const value = chosen.get(`att-${meeting.id}-${a.userId}`);
        return STATUSES.includes(value as (typeof STATUSES)[number]) ? [{ userId: a.userId, status: value as (typeof STATUSES)[number] }] : [];
      });
      if (records.length === 0) {
        alert.textContent = t('mentor.group.attendanceMissing');
        return form.querySelector<HTMLElement>('input')?.focus();
      }
      const saved = await attempt(api.meetings[':meetingId'].attendance.$put({ param: { meetingId: meeting.id }, json: { records } }));
      if (!saved?.ok) {
        const failure = await failureOf(saved);
        // Closed (or reopened elsewhere) in the meantime: show the current state with its reason.
        if (failure.status === 409) {
          const fresh = await attempt(api.meetings[':meetingId'].attendance.$get({ param: { meetingId: meeting.id } }));
          if (fresh?.ok) renderAttendance(box, await fresh.json());
          return;
        }
        return failAction(failure, alert);
      }
      renderAttendance(box, await saved.json());
      const again = $('[role=status]', box);
      announce(t('mentor.group.attendanceSaved'), again);
      box.querySelector<HTMLElement>('button[type=submit]')?.focus();
    });
  });
}

function scheduleForm(cohortId: string, groupId: string) {
  const form = $<HTMLFormElement>('form[data-schedule]');
  const formStatus = $('[data-form-status]', form);
  $('[data-zone-short]').textContent = `(${viewerZone()})`;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const title = text(form, 'title');
      const date = text(form, 'date');
      const time = text(form, 'time');
      const durationMinutes = Number(text(form, 'durationMinutes'));
      const wrong: string[] = [];
      if (!title || title.length > 120) wrong.push('title');
      const startsAt = readerInstant(date, time);
      if (!startsAt || startsAt.getTime() <= Date.now()) wrong.push('startsAt');
      if (!Number.isInteger(durationMinutes) || durationMinutes < 15 || durationMinutes > 480) wrong.push('durationMinutes');
      if (wrong.length || !startsAt) return rejectFields(form, wrong);
      const response = await attempt(
        api.cohorts[':cohortId'].meetings.$post({ param: { cohortId }, json: { title, startsAt: startsAt.toISOString(), durationMinutes, groupId } }),
      );
      if (!response?.ok) return showErrors(form, await failureOf(response));
      form.reset();
      await showMeetings(cohortId);
      announce(t('mentor.group.scheduled'), formStatus);
    });
  });
}

// ---- capstones ----------------------------------------------------------------------------------

function statusText(status: string) {
  return t(`mentor.common.status.${status}`);
}

function versionBlock(s: Submission, heading: 'h4' | 'h5') {
  return el(
    'div',
    { 'data-version': s.version },
    el(heading, {}, t('mentor.group.version', { version: s.version, date: formatInstant(s.submittedAt) }), ` · ${statusText(s.status)}`),
    el('div', { class: 'submission', 'data-submission-text': true }, s.text),
    s.link && el('p', {}, `${t('mentor.group.link')} `, el('a', { href: s.link, rel: 'noopener noreferrer nofollow', class: 'ltr' }, s.link)),
    s.feedback && el('p', {}, el('strong', {}, `${t('mentor.group.feedbackGiven')} `), el('span', { class: 'submission' }, s.feedback)),
  );
}

async function showCapstone(panel: HTMLElement, id: string, onReviewed: (s: Submission) => void) {
  panel.replaceChildren(el('p', { class: 'status' }, t('mentor.common.loading')));
  const response = await loadPart(panel, api.capstones[':submissionId'].$get({ param: { submissionId: id } }));
  if (!response) return;
  const { submission, latestVersion, history } = await response.json();
  const earlier = history.filter((h) => h.version !== submission.version);
  panel.replaceChildren(versionBlock(submission, 'h4'));
  if (earlier.length > 0) panel.append(el('details', {}, el('summary', {}, t('mentor.group.history')), ...earlier.map((h) => versionBlock(h, 'h5'))));
  if (submission.status === 'submitted' && submission.version === latestVersion) panel.append(reviewForm(submission, panel, onReviewed));
  else panel.append(el('p', { class: 'meta' }, t('mentor.group.reviewedAlready')));
}

function reviewForm(s: Submission, panel: HTMLElement, onReviewed: (s: Submission) => void) {
  const { area, count } = textArea('feedback', MAX_FEEDBACK);
  area.required = false;
  const decisionName = uid('decision');
  const decisionError = `${decisionName}-error`;
  const form = el(
    'form',
    { novalidate: true, 'data-review': s.id },
    el(
      'fieldset',
      { class: 'radios', 'data-field': 'decision', 'data-msg': t('mentor.group.decisionError'), 'aria-describedby': decisionError },
      el('legend', {}, t('mentor.group.decision')),
      el('label', { class: 'check' }, el('input', { type: 'radio', name: 'decision', value: 'approved' }), t('mentor.group.approve')),
      el('label', { class: 'check' }, el('input', { type: 'radio', name: 'decision', value: 'changes_requested' }), t('mentor.group.requestChanges')),
      el('p', { class: 'field-error', id: decisionError }),
    ),
    field('feedback', t('mentor.group.feedback'), area, t('mentor.group.feedbackError'), t('mentor.group.feedbackHint')),
    count,
    el('p', { class: 'alert', role: 'alert', 'data-form-alert': true }),
    el('button', { type: 'submit' }, t('mentor.group.sendReview')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const decision = new FormData(form).get('decision');
      const feedback = area.value.trim();
      const wrong: string[] = [];
      if (decision !== 'approved' && decision !== 'changes_requested') wrong.push('decision');
      if ((decision === 'changes_requested' && !feedback) || feedback.length > MAX_FEEDBACK) wrong.push('feedback');
      if (wrong.length) return rejectFields(form, wrong);
      const response = await attempt(
        api.capstones[':submissionId'].review.$post({
          param: { submissionId: s.id },
          json: { decision: decision as 'approved' | 'changes_requested', feedback },
        }),
      );
      if (!response?.ok) return showErrors(form, await failureOf(response));
      const { submission } = await response.json();
      onReviewed(submission);
      const status = el('p', { class: 'saved', role: 'status', tabindex: -1 });
      panel.replaceChildren(versionBlock(submission, 'h4'), status);
      announce(t('mentor.group.reviewed'), status);
      status.focus();
    });
  });
  return form;
}

async function showCapstones(cohortId: string) {
  const response = await attempt(api.cohorts[':cohortId'].capstones.$get({ param: { cohortId } }));
  if (!response?.ok) return failAction(await failureOf(response));
  const { capstones } = await response.json();
  $('[data-no-capstones]').hidden = capstones.length > 0;
  $('[data-capstones]').replaceChildren(
    ...capstones.map((c) => {
      const panelId = uid('capstone');
      const state = el('span', { 'data-capstone-status': true }, statusText(c.status));
      const open = el('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': panelId }, t('mentor.group.read'));
      const panel = el('div', { id: panelId, hidden: true });
      open.addEventListener('click', () => {
        const opening = panel.hidden;
        panel.hidden = !opening;
        open.setAttribute('aria-expanded', String(opening));
        if (opening && !panel.hasChildNodes()) void showCapstone(panel, c.id, (s) => (state.textContent = statusText(s.status)));
      });
      return el(
        'li',
        { class: 'card', 'data-capstone': c.id },
        el('p', {}, t('mentor.group.capstoneOf', { name: c.learner.name, version: c.version, date: formatInstant(c.submittedAt) }), ' · ', state),
        open,
        panel,
      );
    }),
  );
}

// ---- the page -----------------------------------------------------------------------------------

export async function showGroup() {
  area();
  const groupId = query('id');
  if (!groupId) return showGate('missing');
  const response = await attempt(api.groups[':groupId'].$get({ param: { groupId } }));
  if (!response?.ok) return failLoad(await failureOf(response));
  const { group, mentees } = await response.json();
  const cohort = group.cohort;

  const heading = t('mentor.group.heading', { cohort: cohort.name });
  $('[data-heading]', document).textContent = heading;
  document.title = document.title.replace(t('mentor.group.title'), heading);
  $('[data-cohort-facts]').replaceChildren(
    courseName(cohort.courseId),
    ` · ${t('mentor.common.dates', { start: formatDate(cohort.startsOn), end: formatDate(cohort.endsOn) })}`,
  );

  $('[data-no-mentees]').hidden = mentees.length > 0;
  $('[data-mentees]').replaceChildren(...mentees.map((m) => menteeCard(m, cohort)));
  nameZone();
  scheduleForm(cohort.id, group.id);
  showGate('ready');

  alertPage('');
  await showFeed(
    $('[data-feed]'),
    { body: { kind: 'cohort', cohortId: cohort.id }, createLabel: t('mentor.group.feedCreate'), addressLabel: t('mentor.group.feedAddress') },
    await attempt(api.calendar.feeds.$get()),
  );
  await Promise.all([showMeetings(cohort.id), showCapstones(cohort.id)]);
}
