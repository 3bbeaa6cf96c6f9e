// /{locale}/manage/cohort/?id=: a cohort's members, join code, roster import, mentor groups and
// meetings. Meeting times are shown in the viewer's own time zone, named.
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
  courseName,
  el,
  failAction,
  failLoad,
  failureOf,
  formatDates,
  locale,
  makeCopy,
  pageId,
  showErrors,
  showGate,
  t,
  text,
} from './ui.ts';
import { setupRoster } from './roster.ts';
import { setupCertificates } from './certificates.ts';

type Loaded = Awaited<ReturnType<typeof load>>;
type Data = Extract<Loaded, { ok: true }>['data'];
type Member = Data['members'][number];
type Group = Data['groups'][number];

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const languageName = new Intl.DisplayNames([locale], { type: 'language' });
const weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });

/** Mentors who may lead a group here, when the API lists them with the cohort. */
function mentorChoices(data: object): Array<{ id: string; name: string }> {
  const list = 'mentors' in data && Array.isArray(data.mentors) ? (data.mentors as unknown[]) : [];
  return list.filter(
    (m): m is { id: string; name: string } => typeof (m as { id?: unknown })?.id === 'string' && typeof (m as { name?: unknown }).name === 'string',
  );
}

async function load(id: string) {
  const response = await attempt(api.cohorts[':cohortId'].$get({ param: { cohortId: id } }));
  if (!response?.ok) return { ok: false as const, failure: await failureOf(response) };
  return { ok: true as const, data: await response.json() };
}

export async function showCohort() {
  const id = pageId();
  if (!id) return showGate('missing');
  const first = await load(id);
  if (!first.ok) return failLoad(first.failure);
  // Mentors of the cohort may read it too, but only its managers get the join code: this page is theirs.
  if (first.data.cohort.joinCode === undefined) return showGate('forbidden');
  let data = first.data;

  const refresh = async () => {
    const next = await load(id);
    if (!next.ok) return failAction(next.failure);
    data = next.data;
    render();
  };

  function render() {
    renderSummary();
    renderJoin();
    renderMembers();
    renderGroups();
    certificates.showMembers();
  }

  // ---- summary
  function renderSummary() {
    const { cohort } = data;
    $('[data-title]', document).textContent = cohort.name;
    document.title = `${cohort.name} · ${document.title.split(' · ').pop()}`;
    const back = $<HTMLAnchorElement>('[data-back]', document);
    back.href = `/${locale}/manage/program/?id=${encodeURIComponent(cohort.programId)}`;
    back.textContent = t('manage.cohort.program', { name: cohort.programName });
    $<HTMLAnchorElement>('[data-matching-link]').href = `/${locale}/manage/matching/?id=${encodeURIComponent(cohort.id)}`;
    $('[data-course]').replaceChildren(courseName(cohort.courseId));
    $('[data-language]').textContent = languageName.of(cohort.locale) ?? cohort.locale;
    $('[data-dates]').textContent = formatDates(cohort.startsOn, cohort.endsOn);
    const { members, capacity, pendingInvitations } = data.seats;
    $('[data-capacity]').textContent = [
      t('manage.program.membersOf', { count: members, capacity }),
      pendingInvitations ? t('manage.cohort.pending', { count: pendingInvitations }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
    $('[data-attendance]').textContent = data.attendanceRate === null ? t('manage.cohort.noAttendance') : percent.format(data.attendanceRate);
  }

  // ---- join code
  function renderJoin() {
    const code = data.cohort.joinCode ?? '';
    $('[data-code]').textContent = code;
    $<HTMLInputElement>('[data-join-link]').value = `${location.origin}/${data.cohort.locale}/join/?code=${encodeURIComponent(code)}`;
  }
  makeCopy($<HTMLButtonElement>('[data-copy-link]'), () => $<HTMLInputElement>('[data-join-link]').value);
  const rotate = $<HTMLButtonElement>('[data-rotate]');
  rotate.addEventListener('click', async () => {
    if (!(await confirmAction(t('manage.cohort.confirmRotate'), t('manage.cohort.rotate')))) return;
    await busy(rotate, async () => {
      const done = await attempt(api.cohorts[':cohortId']['join-code'].$post({ param: { cohortId: id } }));
      if (!done?.ok) return failAction(await failureOf(done));
      data.cohort.joinCode = (await done.json()).joinCode;
      renderJoin();
      announce(t('manage.cohort.rotated'));
    });
  });

  // ---- members
  function renderMembers() {
    $('[data-members]').replaceChildren(
      ...data.members.map((m) => {
        const remove = el(
          'button',
          { type: 'button', class: 'secondary danger', 'aria-label': t('manage.cohort.removeMember', { name: m.name }) },
          t('manage.common.remove'),
        );
        remove.addEventListener('click', () => void removeMember(m, remove));
        return el(
          'tr',
          {},
          el('th', { scope: 'row' }, m.name),
          el('td', {}, m.country ? countryName(m.country) : '—'),
          el('td', {}, t('manage.cohort.progressSummary', { done: m.progress.completedLessons, total: m.progress.totalLessons })),
          el('td', {}, remove),
        );
      }),
    );
    $('[data-members-list]').hidden = data.members.length === 0;
    $('[data-members-empty]').hidden = data.members.length > 0;
  }

  async function removeMember(m: Member, button: HTMLButtonElement) {
    if (!(await confirmAction(t('manage.cohort.confirmRemoveMember', { name: m.name }), t('manage.common.remove'), $('#members')))) return;
    await busy(button, async () => {
      const done = await attempt(api.cohorts[':cohortId'].members[':userId'].$delete({ param: { cohortId: id!, userId: m.id } }));
      if (!done?.ok) return failAction(await failureOf(done));
      await refresh();
      $('#members').focus();
      announce(t('manage.cohort.memberRemoved', { name: m.name }));
    });
  }

  setupRoster(id, refresh);
  const certificates = setupCertificates(id, () => data.members);

  // ---- mentor groups
  const nameOf = (userId: string) => data.members.find((m) => m.id === userId)?.name ?? '';
  const groupOf = (learnerId: string) => data.groups.find((g) => g.learnerIds.includes(learnerId));

  /** Checkboxes of the cohort's members; those in another group than `group` are shown but cannot be picked. */
  function learnerChoices(name: string, group?: Group) {
    return data.members.map((m) => {
      const other = groupOf(m.id);
      const taken = other && other.id !== group?.id;
      return el(
        'label',
        { class: 'check' },
        el('input', { type: 'checkbox', name, value: m.id, checked: Boolean(group?.learnerIds.includes(m.id)), disabled: Boolean(taken) }),
        el('span', {}, m.name, taken ? el('span', { class: 'meta' }, ` ${t('manage.groups.inOther', { mentor: other.mentor.name })}`) : null),
      );
    });
  }

  function renderGroups() {
    $('[data-groups]').replaceChildren(...data.groups.map(groupBox));
    $('[data-groups-empty]').hidden = data.groups.length > 0;
    const mentors = mentorChoices(data).filter((m) => !data.groups.some((g) => g.mentor.id === m.id));
    $('[data-mentors]').replaceChildren(
      el('option', { value: '' }, t('manage.groups.chooseMentor')),
      ...mentors.map((m) => el('option', { value: m.id }, m.name)),
    );
    $('[data-no-mentors]').hidden = mentors.length > 0;
    $('form[data-new-group]').hidden = mentors.length === 0;
    $('[data-learner-choices]').replaceChildren(...learnerChoices('learnerIds'));
    $('[data-meeting-groups]').replaceChildren(
      el('option', { value: '' }, t('manage.meetings.wholeCohort')),
      ...data.groups.map((g) => el('option', { value: g.id }, t('manage.meetings.groupOf', { mentor: g.mentor.name }))),
    );
  }

  function groupBox(g: Group) {
    const headingId = `group-${g.id}`;
    const edit = el(
      'button',
      { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': `${headingId}-form`, 'aria-describedby': headingId },
      t('manage.common.edit'),
    );
    const remove = el(
      'button',
      { type: 'button', class: 'secondary danger', 'aria-label': t('manage.groups.deleteGroup', { mentor: g.mentor.name }) },
      t('manage.common.delete'),
    );
    const form = el(
      'form',
      { id: `${headingId}-form`, hidden: true, novalidate: true },
      el(
        'fieldset',
        { 'data-field': 'learnerIds', 'data-msg': t('manage.groups.learnersError'), 'aria-describedby': `${headingId}-error` },
        el('legend', {}, t('manage.groups.editTitle', { mentor: g.mentor.name })),
        ...learnerChoices('learnerIds', g),
        el('p', { class: 'field-error', id: `${headingId}-error` }),
      ),
      el('p', { class: 'alert', role: 'alert', 'data-form-alert': true }),
      el('button', { type: 'submit' }, t('manage.common.save')),
    );
    edit.addEventListener('click', () => {
      form.hidden = !form.hidden;
      edit.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) form.querySelector<HTMLInputElement>('input:not([disabled])')?.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(form, async () => {
        clearErrors(form);
        const saved = await attempt(
          api.cohorts[':cohortId'].groups[':groupId'].$put({ param: { cohortId: id!, groupId: g.id }, json: { learnerIds: checked(form, 'learnerIds') } }),
        );
        if (!saved?.ok) return showErrors(form, await failureOf(saved));
        await refresh();
        $(`#${headingId}`)?.focus();
        announce(t('manage.groups.saved'));
      });
    });
    remove.addEventListener('click', async () => {
      if (!(await confirmAction(t('manage.groups.confirmDelete', { mentor: g.mentor.name }), t('manage.common.delete'), $('#groups')))) return;
      await busy(remove, async () => {
        const done = await attempt(api.cohorts[':cohortId'].groups[':groupId'].$delete({ param: { cohortId: id!, groupId: g.id } }));
        if (!done?.ok) return failAction(await failureOf(done));
        await refresh();
        $('#groups').focus();
        announce(t('manage.groups.deleted'));
      });
    });
    const learners = g.learnerIds.map(nameOf).filter(Boolean);
    return el(
      'div',
      { class: 'group' },
      el('h3', { id: headingId, tabindex: '-1' }, g.mentor.name),
      learners.length ? el('ul', {}, ...learners.map((n) => el('li', {}, n))) : el('p', { class: 'meta' }, t('manage.groups.noLearners')),
      el('div', { class: 'actions' }, edit, remove),
      form,
    );
  }

  const newGroup = $<HTMLFormElement>('form[data-new-group]');
  newGroup.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(newGroup, async () => {
      clearErrors(newGroup);
      const mentorId = text(newGroup, 'mentorId');
      if (!mentorId) return showErrors(newGroup, { status: 400, code: 'invalid_request', message: '', details: [{ path: 'mentorId', message: '' }] });
      const created = await attempt(
        api.cohorts[':cohortId'].groups.$post({ param: { cohortId: id }, json: { mentorId, learnerIds: checked(newGroup, 'learnerIds') } }),
      );
      if (!created?.ok) return showErrors(newGroup, await failureOf(created), (f) => (f.status === 409 ? 'learnerIds' : undefined));
      await refresh();
      announce(t('manage.groups.created'));
      $<HTMLElement>('#groups').focus();
    });
  });

  // ---- meetings (their times need core/schedule: loaded after the rest of the page is shown)
  const schedule = import('#core/schedule/zoned.ts');
  $('[data-your-zone]').textContent = t('manage.meetings.yourZone', { zone: viewerZone.replaceAll('_', ' ') });
  $('label[for=meeting-start]').textContent = t('manage.meetings.startsAt', { zone: viewerZone.replaceAll('_', ' ') });

  async function renderMeetings() {
    const response = await attempt(api.cohorts[':cohortId'].meetings.$get({ param: { cohortId: id! } }));
    if (!response?.ok) return failAction(await failureOf(response));
    const { upcoming, past } = await response.json();
    const { formatInZone } = await schedule;
    const when = (iso: string) => formatInZone(new Date(iso), viewerZone, locale);
    const forWhom = (groupId: string | null) => {
      const g = groupId ? data.groups.find((x) => x.id === groupId) : undefined;
      return g ? t('manage.meetings.groupOf', { mentor: g.mentor.name }) : t('manage.meetings.wholeCohort');
    };
    const rows = (list: typeof upcoming, label: string) =>
      list.length
        ? [
            el('tr', {}, el('th', { colspan: 3, scope: 'colgroup' }, label)),
            ...list.map((m) =>
              el(
                'tr',
                { class: m.cancelledAt ? 'meta' : null },
                el('td', {}, el('time', { datetime: m.startsAt }, when(m.startsAt))),
                el('td', {}, m.title, m.cancelledAt ? ` (${t('manage.meetings.cancelled')})` : ''),
                el('td', {}, forWhom(m.groupId)),
              ),
            ),
          ]
        : [];
    $('[data-meetings]').replaceChildren(...rows(upcoming, t('manage.meetings.upcoming')), ...rows(past, t('manage.meetings.past')));
    const any = upcoming.length + past.length > 0;
    $('[data-meetings-loading]').hidden = true;
    $('[data-meetings-list]').hidden = !any;
    $('[data-meetings-empty]').hidden = any;
  }

  const pattern = data.cohort.pattern;
  const fromPattern = $<HTMLButtonElement>('[data-from-pattern]');
  fromPattern.hidden = !pattern;
  $('[data-pattern-hint]').textContent = pattern
    ? t('manage.meetings.patternHint', {
        weekday: weekdayName.format(new Date(Date.UTC(2024, 0, pattern.weekday))),
        time: pattern.time,
        zone: data.cohort.timeZone.replaceAll('_', ' '),
      })
    : t('manage.meetings.noPattern');
  fromPattern.addEventListener('click', () =>
    busy(fromPattern, async () => {
      const done = await attempt(api.cohorts[':cohortId'].meetings['from-pattern'].$post({ param: { cohortId: id } }));
      if (!done?.ok) return failAction(await failureOf(done));
      const { created } = await done.json();
      await renderMeetings();
      announce(created > 0 ? t('manage.meetings.patternDone', { count: created }) : t('manage.meetings.patternNone'));
    }),
  );

  const newMeeting = $<HTMLFormElement>('form[data-new-meeting]');
  newMeeting.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(newMeeting, async () => {
      clearErrors(newMeeting);
      alertPage('');
      const title = text(newMeeting, 'title');
      const local = text(newMeeting, 'startsAt'); // 'YYYY-MM-DDTHH:MM' on the viewer's clock
      const durationMinutes = Number(text(newMeeting, 'durationMinutes'));
      const groupId = text(newMeeting, 'groupId');
      const missing = [...(title ? [] : ['title']), ...(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local) ? [] : ['startsAt'])];
      if (!Number.isInteger(durationMinutes) || durationMinutes < 15 || durationMinutes > 480) missing.push('durationMinutes');
      if (missing.length)
        return showErrors(newMeeting, { status: 400, code: 'invalid_request', message: '', details: missing.map((path) => ({ path, message: '' })) });
      const startsAt = (await schedule).zonedToUtc(local.slice(0, 10), local.slice(11, 16), viewerZone).toISOString();
      const created = await attempt(
        api.cohorts[':cohortId'].meetings.$post({ param: { cohortId: id }, json: { title, startsAt, durationMinutes, ...(groupId ? { groupId } : {}) } }),
      );
      if (!created?.ok) return showErrors(newMeeting, await failureOf(created));
      newMeeting.reset();
      await renderMeetings();
      announce(t('manage.meetings.added'));
    });
  });

  render();
  showGate('ready');
  await Promise.all([renderMeetings(), certificates.load()]);
}
