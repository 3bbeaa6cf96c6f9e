// "My cohort" on "my learning" (markup: site/components/mentor/CohortSection.astro): my cohorts
// with course, mentor and next meeting (on my own clock, with its .ics), my capstone (status,
// feedback, a new version), leaving a cohort, joining by code, my personal calendar address.
import type { InferResponseType } from 'hono/client';
import { api } from './api.ts';
import { showFeed } from './mentor/feed.ts';
import { forgetPendingCode, pendingCode } from './mentor/join-code.ts';
import {
  $,
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
  failureOf,
  formatDate,
  formatInstant,
  loadPart,
  locale,
  nameZone,
  rejectFields,
  showErrors,
  t,
} from './mentor/ui.ts';

type MyCohort = InferResponseType<typeof api.my.cohorts.$get, 200>['cohorts'][number];
type Capstone = InferResponseType<(typeof api.my.cohorts)[':cohortId']['capstone']['$get'], 200>;

const MAX_TEXT = 20_000;
const MAX_LINK = 500;

const fact = (term: string, ...value: Array<Node | string | false | null>) => [el('dt', {}, term), el('dd', {}, ...value)];

function nextMeeting(c: MyCohort) {
  const m = c.nextMeeting;
  if (!m) return fact(t('cohort.nextMeeting'), t('cohort.noMeeting'));
  const ics = `/api/cohorts/${encodeURIComponent(c.id)}/meetings/${encodeURIComponent(m.id)}/ics`;
  const titleId = `meeting-title-${m.id}`;
  return fact(
    t('cohort.nextMeeting'),
    el('span', { 'data-next-meeting': true }, formatInstant(m.startsAt)),
    ' · ',
    el('span', { id: titleId }, m.title),
    el('br'),
    el('a', { href: ics, download: '', 'aria-describedby': titleId, 'data-ics': true }, t('mentor.common.ics')),
  );
}

/** A link is optional; when given it must be an https address (the API says the same). */
function linkFits(link: string) {
  if (!link) return true;
  if (link.length > MAX_LINK) return false;
  try {
    return new URL(link).protocol === 'https:';
  } catch {
    return false;
  }
}

function capstoneBlock(c: MyCohort, box: HTMLElement, data: Capstone) {
  const latest = data.versions[0];
  const parts: Node[] = [
    el(
      'p',
      { 'data-capstone-state': true },
      `${t('cohort.capstoneStatus')} `,
      el('strong', {}, latest ? t(`mentor.common.status.${latest.status}`) : t('cohort.notSubmitted')),
      latest ? ` · ${t('cohort.version', { version: latest.version, date: formatInstant(latest.submittedAt) })}` : '',
    ),
  ];
  const reviewed = data.versions.find((v) => v.feedback);
  if (reviewed?.feedback) {
    parts.push(
      el(
        'div',
        { class: 'card', 'data-feedback': true },
        el(
          'p',
          {},
          el('strong', {}, t('cohort.feedback')),
          ` · ${t('cohort.version', { version: reviewed.version, date: formatInstant(reviewed.reviewedAt ?? reviewed.submittedAt) })}`,
        ),
        el('p', { class: 'submission' }, reviewed.feedback),
      ),
    );
  }
  const status = el('p', { class: 'saved', role: 'status' });
  if (latest?.status === 'approved') parts.push(el('p', { class: 'ok-line' }, t('cohort.approved')));
  else if (data.canSubmit) parts.push(capstoneForm(c, box, latest));
  parts.push(status);
  box.replaceChildren(...parts);
}

function capstoneForm(c: MyCohort, box: HTMLElement, latest: Capstone['versions'][number] | undefined) {
  const id = `capstone-${c.id}`;
  const textArea = el('textarea', {
    id: `${id}-text`,
    name: 'text',
    rows: 10,
    maxlength: MAX_TEXT,
    required: true,
    'aria-describedby': `${id}-text-hint ${id}-text-count ${id}-text-error`,
  });
  textArea.value = latest?.text ?? '';
  const count = el('p', { class: 'count', id: `${id}-text-count` });
  countCharacters(textArea, count, MAX_TEXT);
  const link = el('input', {
    id: `${id}-link`,
    name: 'link',
    type: 'url',
    inputmode: 'url',
    maxlength: MAX_LINK,
    dir: 'ltr',
    'aria-describedby': `${id}-link-hint ${id}-link-error`,
  });
  link.value = latest?.link ?? '';
  const form = el(
    'form',
    { novalidate: true, 'data-capstone-form': c.id },
    el(
      'div',
      { 'data-field': 'text', 'data-msg': t('cohort.textError') },
      el('label', { for: textArea.id }, t('cohort.text')),
      el('p', { class: 'hint', id: `${id}-text-hint` }, t('cohort.textHint')),
      textArea,
      count,
      el('p', { class: 'field-error', id: `${id}-text-error` }),
    ),
    el(
      'div',
      { 'data-field': 'link', 'data-msg': t('cohort.linkError') },
      el('label', { for: link.id }, t('cohort.link')),
      el('p', { class: 'hint', id: `${id}-link-hint` }, t('cohort.linkHint')),
      link,
      el('p', { class: 'field-error', id: `${id}-link-error` }),
    ),
    el('p', { class: 'alert', role: 'alert', 'data-form-alert': true }),
    el('button', { type: 'submit' }, t(latest ? 'cohort.resubmit' : 'cohort.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const text = textArea.value.trim();
      const href = link.value.trim();
      const wrong = [...(!text || text.length > MAX_TEXT ? ['text'] : []), ...(linkFits(href) ? [] : ['link'])];
      if (wrong.length) return rejectFields(form, wrong);
      const sent = await attempt(api.my.cohorts[':cohortId'].capstone.$post({ param: { cohortId: c.id }, json: href ? { text, link: href } : { text } }));
      if (!sent?.ok) return showErrors(form, await failureOf(sent));
      await loadCapstone(c, box);
      const fresh = box.querySelector<HTMLElement>('[role=status]');
      announce(t('cohort.submitted'), fresh);
      box.querySelector<HTMLElement>('[data-capstone-state]')?.setAttribute('tabindex', '-1');
      box.querySelector<HTMLElement>('[data-capstone-state]')?.focus();
    });
  });
  return form;
}

async function loadCapstone(c: MyCohort, box: HTMLElement) {
  const response = await loadPart(box, api.my.cohorts[':cohortId'].capstone.$get({ param: { cohortId: c.id } }));
  if (response) capstoneBlock(c, box, await response.json());
}

function cohortCard(c: MyCohort, list: HTMLElement, onLeft: () => void) {
  const headingId = `cohort-${c.id}`;
  const capstone = el('div', { 'data-capstone': c.id }, el('p', { class: 'status' }, t('mentor.common.loading')));
  const leave = el('button', { type: 'button', class: 'danger small', 'data-leave': c.id }, t('cohort.leave'));
  const alert = el('p', { class: 'alert', role: 'alert' });
  const card = el(
    'article',
    { class: 'card', 'aria-labelledby': headingId, 'data-cohort': c.id },
    el('h3', { id: headingId }, c.name),
    el(
      'dl',
      { class: 'facts' },
      ...fact(t('cohort.course'), courseName(c.courseId)),
      ...fact(t('cohort.dates'), t('mentor.common.dates', { start: formatDate(c.startsOn), end: formatDate(c.endsOn) })),
      ...fact(t('cohort.mentor'), c.mentor ? c.mentor.name : t('cohort.noMentor')),
      ...nextMeeting(c),
    ),
    el('h4', {}, t('cohort.capstone')),
    capstone,
    el('div', { class: 'actions leave' }, leave),
    alert,
  );
  leave.addEventListener('click', async () => {
    const heading = $('#my-cohort', document);
    if (!(await confirmAction(t('cohort.confirmLeave', { cohort: c.name }), t('cohort.leave'), heading))) return;
    await busy(leave, async () => {
      alert.textContent = '';
      const response = await attempt(api.my.cohorts[':cohortId'].$delete({ param: { cohortId: c.id } }));
      if (!response?.ok) return failAction(await failureOf(response), alert);
      card.remove();
      onLeft();
      announce(t('cohort.left', { cohort: c.name }));
      heading.focus();
    });
  });
  list.append(card);
  void loadCapstone(c, capstone);
}

/** Shows the section for a signed-in reader; stays hidden offline (nothing to show without the API). */
export async function showMyCohorts() {
  const section = document.querySelector<HTMLElement>('[data-my-cohort]');
  if (!section) return;
  area('[data-my-cohort] [data-area]');
  const [response, feeds] = await Promise.all([attempt(api.my.cohorts.$get()), attempt(api.calendar.feeds.$get())]);
  if (!response?.ok) {
    if (response && (response.status as number) !== 401) {
      section.hidden = false;
      failAction(await failureOf(response));
    }
    return;
  }
  const { cohorts } = await response.json();
  const list = $('[data-cohorts]');
  const none = $('[data-none]');
  const paint = () => {
    none.hidden = list.children.length > 0;
  };
  list.replaceChildren();
  for (const c of cohorts) cohortCard(c, list, paint);
  paint();

  const code = pendingCode();
  if (code) {
    $('[data-pending-text]').textContent = t('cohort.pending', { code });
    $<HTMLAnchorElement>('[data-pending-link]').href = `/${locale()}/join/?code=${encodeURIComponent(code)}`;
    $('[data-pending]').hidden = false;
    $('[data-pending-link]').addEventListener('click', () => forgetPendingCode());
  }
  $('[data-subscribe-box]').hidden = cohorts.length === 0;
  const zone = $('[data-zone-note]');
  zone.hidden = !cohorts.some((c) => c.nextMeeting);
  nameZone();

  await showFeed(
    $('[data-subscribe]'),
    { body: { kind: 'person' }, createLabel: t('cohort.subscribeCreate'), addressLabel: t('cohort.subscribeAddress') },
    feeds,
  );
  section.hidden = false;
}
