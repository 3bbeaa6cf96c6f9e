// /{locale}/manage/program/?id=: a program's cohorts (matching them all, and a new one), managers, regions, courses.
import { api } from '../api.ts';
import { rememberedUser } from '../storage.ts';
import { setupProgramMatching } from './program-matching.ts';
import {
  $,
  alertPage,
  announce,
  attempt,
  busy,
  clearErrors,
  confirmAction,
  courseName,
  el,
  type Failure,
  failAction,
  failLoad,
  failureOf,
  formatDates,
  locale,
  pageId,
  regionName,
  showErrors,
  showGate,
  t,
  text,
  wholePercent,
} from './ui.ts';

interface Manager {
  id: string;
  name: string;
  email: string;
}

const languageName = new Intl.DisplayNames([locale], { type: 'language' });

/** Every IANA zone this browser knows, the viewer's own first selected. */
export function fillTimeZones(select: HTMLSelectElement) {
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add(mine).add('UTC');
  select.replaceChildren(...[...zones].sort().map((z) => el('option', { value: z, selected: z === mine }, z.replaceAll('_', ' '))));
}

export async function showProgram() {
  const id = pageId();
  if (!id) return showGate('missing');
  const response = await attempt(api.programs[':programId'].$get({ param: { programId: id } }));
  if (!response?.ok) return failLoad(await failureOf(response));
  const { program } = await response.json();

  $('[data-title]', document).textContent = program.name;
  document.title = `${program.name} · ${document.title.split(' · ').pop()}`;
  $('[data-dates]').textContent = formatDates(program.startsOn, program.endsOn);
  $('[data-regions]').textContent = program.regions.map(regionName).join(', ');
  const courses = $('[data-courses]');
  courses.replaceChildren(...program.courseIds.flatMap((c, i) => (i ? [', ', courseName(c)] : [courseName(c)])));

  // ---- the share of recorded sessions a cohort learner must attend for a certificate
  const rule = $<HTMLFormElement>('form[data-attendance-rule]');
  const ruleInput = $<HTMLInputElement>('[name=attendancePercent]', rule);
  ruleInput.value = String(program.attendancePercent);
  rule.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(rule, async () => {
      clearErrors(rule);
      const attendancePercent = wholePercent(ruleInput.value.trim());
      if (Number.isNaN(attendancePercent))
        return showErrors(rule, { status: 400, code: 'invalid_request', message: '', details: [{ path: 'attendancePercent', message: '' }] });
      const saved = await attempt(api.programs[':programId'].$patch({ param: { programId: id }, json: { attendancePercent } }));
      if (!saved?.ok) return showErrors(rule, await failureOf(saved));
      ruleInput.value = String((await saved.json()).program.attendancePercent);
      announce(t('certificates.program.saved', { percent: new Intl.NumberFormat(locale, { style: 'percent' }).format(attendancePercent / 100) }));
    });
  });

  // ---- cohorts
  const cohorts = [...program.cohorts];
  const showCohorts = () => {
    $('[data-cohorts]').replaceChildren(
      ...cohorts.map((c) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, el('a', { href: `/${locale}/manage/cohort/?id=${encodeURIComponent(c.id)}` }, c.name)),
          el('td', {}, courseName(c.courseId)),
          el('td', {}, languageName.of(c.locale) ?? c.locale),
          el('td', {}, formatDates(c.startsOn, c.endsOn)),
          el('td', {}, t('manage.program.membersOf', { count: c.memberCount, capacity: c.capacity })),
        ),
      ),
    );
    $('[data-list]').hidden = cohorts.length === 0;
    $('[data-empty]').hidden = cohorts.length > 0;
  };
  showCohorts();

  const form = $<HTMLFormElement>('form[data-new-cohort]');
  $('[data-course-choices]', form).replaceChildren(...program.courseIds.map((c) => el('option', { value: c }, courseName(c).textContent)));
  fillTimeZones($<HTMLSelectElement>('[data-zones]', form));
  $<HTMLInputElement>('[name=startsOn]', form).value = program.startsOn;
  $<HTMLInputElement>('[name=endsOn]', form).value = program.endsOn;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      alertPage('');
      const weekday = text(form, 'weekday');
      const body = {
        name: text(form, 'name'),
        courseId: text(form, 'courseId'),
        locale: text(form, 'locale'),
        startsOn: text(form, 'startsOn'),
        endsOn: text(form, 'endsOn'),
        capacity: Number(text(form, 'capacity')),
        timeZone: text(form, 'timeZone'),
        ...(weekday
          ? {
              pattern: {
                weekday: Number(weekday) as 1 | 2 | 3 | 4 | 5 | 6 | 7,
                time: text(form, 'time'),
                durationMinutes: Number(text(form, 'durationMinutes')),
              },
            }
          : {}),
      };
      const missing: Failure['details'] = (['name', 'startsOn', 'endsOn'] as const).filter((k) => !body[k]).map((path) => ({ path, message: '' }));
      if (!Number.isInteger(body.capacity) || body.capacity < 1) missing.push({ path: 'capacity', message: '' });
      if (body.pattern && (!body.pattern.time || !body.pattern.durationMinutes)) missing.push({ path: 'pattern', message: '' });
      if (missing.length) return showErrors(form, { status: 400, code: 'invalid_request', message: '', details: missing });
      const created = await attempt(api.programs[':programId'].cohorts.$post({ param: { programId: id }, json: body }));
      if (!created?.ok) return showErrors(form, await failureOf(created));
      const { cohort } = await created.json();
      cohorts.push({ ...cohort, memberCount: 0 });
      showCohorts();
      form.reset();
      fillTimeZones($<HTMLSelectElement>('[data-zones]', form));
      $<HTMLInputElement>('[name=startsOn]', form).value = program.startsOn;
      $<HTMLInputElement>('[name=endsOn]', form).value = program.endsOn;
      announce(t('manage.program.cohortCreated', { name: cohort.name }));
      $<HTMLAnchorElement>(`[data-cohorts] a[href$="${CSS.escape(encodeURIComponent(cohort.id))}"]`)?.focus();
    });
  });

  // ---- managers
  const managers: Manager[] = [...program.managers];
  const me = rememberedUser()?.id;
  const list = $('[data-managers]');
  const showManagers = () =>
    list.replaceChildren(
      ...managers.map((m) => {
        const remove = el(
          'button',
          { type: 'button', class: 'secondary danger', 'aria-label': t('manage.program.removeManager', { name: m.name }) },
          t('manage.common.remove'),
        );
        remove.addEventListener('click', () => void removeManager(m, remove));
        return el(
          'li',
          {},
          `${m.name}${m.id === me ? ` (${t('manage.program.you')})` : ''} `,
          el('span', { class: 'meta' }, m.email),
          ' ',
          managers.length > 1 ? remove : null,
        );
      }),
    );
  showManagers();

  async function removeManager(m: Manager, button: HTMLButtonElement) {
    if (!(await confirmAction(t('manage.program.confirmRemoveManager', { name: m.name }), t('manage.common.remove'), $('#managers')))) return;
    await busy(button, async () => {
      const done = await attempt(api.programs[':programId'].managers[':userId'].$delete({ param: { programId: id!, userId: m.id } }));
      if (!done?.ok) return failAction(await failureOf(done));
      if (m.id === me) {
        location.href = `/${locale}/manage/`;
        return;
      }
      managers.splice(managers.indexOf(m), 1);
      showManagers();
      $('#managers').focus();
      announce(t('manage.program.managerRemoved', { name: m.name }));
    });
  }

  const add = $<HTMLFormElement>('form[data-add-manager]');
  add.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(add, async () => {
      clearErrors(add);
      const email = text(add, 'email');
      if (!email) return showErrors(add, { status: 400, code: 'invalid_request', message: '', details: [{ path: 'email', message: '' }] });
      const added = await attempt(api.programs[':programId'].managers.$post({ param: { programId: id }, json: { email } }));
      // Not a manager, unknown, or regions that do not cover the program: the email is at fault.
      if (!added?.ok) return showErrors(add, await failureOf(added), (f) => (f.status === 403 || f.status === 404 || f.status === 422 ? 'email' : undefined));
      const { program: updated } = await added.json();
      managers.splice(0, managers.length, ...updated.managers);
      showManagers();
      add.reset();
      const manager = updated.managers.find((m) => m.email.toLowerCase() === email.toLowerCase());
      announce(t('manage.program.managerAdded', { name: manager?.name ?? email }));
    });
  });

  showGate('ready');
  await setupProgramMatching(id);
}
