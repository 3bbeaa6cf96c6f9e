// What the mentor and learner cohort pages (mentor workspace, join, invitation, inbox, the cohort
// part of "my learning") add to the frame every app page shares (../ui.ts): errors next to their
// field, character counts, times in the reader's own zone, course and lesson titles, copying.
// The markup is site/components/mentor/Area.astro.
import { formatInZone, zonedToUtc } from '#core/schedule/zoned.ts';
import { attempt, busy, clearErrors, el, type Failure, fieldOf, type Gate, pageFrame, text } from '../ui.ts';

export { attempt, busy, clearErrors, el, type Failure, type Gate, text };

const frame = pageFrame('mentor');

/** Reads the area (one per page) and its strings; every page script calls this first. */
export function area(selector = '[data-area]'): HTMLElement {
  return frame.mount(document.querySelector<HTMLElement>(selector) ?? document.body);
}

export const locale = () => document.documentElement.lang || 'en';

/** A UI string of the area (site/i18n/areas/mentor), formatted with plurals for the page's language. */
export const { t } = frame;

/** `?name=` of the page's address. */
export const query = (name: string) => new URLSearchParams(location.search).get(name);

export const { $, $$, showGate, alertPage, announce, failureOf, failureText, failLoad, failAction, confirmAction } = frame;

/**
 * A part of the page that loads on its own (a capstone, notes, attendance): the answer when it is
 * one, else undefined, with `box` then holding the alert that says why.
 */
export async function loadPart<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  box: HTMLElement,
  request: Promise<R>,
): Promise<(R & { ok: true }) | undefined> {
  const response = await attempt(request);
  if (response?.ok) return response as R & { ok: true };
  box.replaceChildren(el('p', { class: 'alert', role: 'alert' }));
  failAction(await failureOf(response), box.firstElementChild as HTMLElement);
  return undefined;
}

// ---- forms ------------------------------------------------------------------------------------

/** Marks one field wrong (with `message`, else its own `data-msg`); false if the form has no such field. */
export function markField(form: HTMLElement, path: string, message?: string): boolean {
  const field = fieldOf(form, path);
  if (!field) return false;
  $('.field-error', field).textContent = message ?? field.dataset.msg ?? t('mentor.common.invalid');
  for (const input of $$<HTMLElement>('input:not([type=checkbox]):not([type=radio]), select, textarea', field)) input.setAttribute('aria-invalid', 'true');
  return true;
}

/** Moves focus to the first field in error. */
export function focusFirstError(form: HTMLElement) {
  form.querySelector<HTMLElement>('.field-error:not(:empty)')?.closest('[data-field]')?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}

/** Fields found wrong before sending: each gets its own message. */
export function rejectFields(form: HTMLElement, paths: string[]) {
  clearErrors(form);
  for (const path of paths) markField(form, path);
  const alert = form.querySelector<HTMLElement>('[data-form-alert]');
  if (alert) alert.textContent = t('mentor.common.fixFields');
  focusFirstError(form);
}

/**
 * A failed submission: each detail next to its field (in the field's own words), the rest in the
 * form's alert. `fieldFor` names the field a detail-less failure belongs to.
 */
export function showErrors(form: HTMLElement, failure: Failure, fieldFor?: (f: Failure) => [path: string, message?: string] | undefined) {
  clearErrors(form);
  if (failure.status === 401) return showGate('signed-out');
  let placed = 0;
  const unplaced: string[] = [];
  for (const d of failure.details) markField(form, d.path) ? placed++ : unplaced.push(d.message);
  const own = placed === 0 ? fieldFor?.(failure) : undefined;
  if (own && markField(form, own[0], own[1])) placed++;
  const message = placed && !unplaced.length ? t('mentor.common.fixFields') : failureText({ ...failure, message: [failure.message, ...unplaced].join(' ') });
  const alert = form.querySelector<HTMLElement>('[data-form-alert]');
  if (alert) alert.textContent = own && placed ? '' : message;
  else if (!(own && placed)) alertPage(message);
  focusFirstError(form);
}

/** A live "n of max characters" count under a text field, announced politely only near the limit. */
export function countCharacters(field: HTMLTextAreaElement | HTMLInputElement, output: HTMLElement, max: number) {
  const update = () => {
    const n = field.value.length;
    output.textContent = t('mentor.common.characters', { count: n, max });
    output.classList.toggle('over', n > max);
    output.setAttribute('aria-live', n > max * 0.9 ? 'polite' : 'off');
  };
  field.addEventListener('input', update);
  update();
}

// ---- times ------------------------------------------------------------------------------------

/** The reader's own time zone, as the browser reports it. */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** An instant (ISO UTC) on the reader's wall clock, with the zone's short name. */
export const formatInstant = (iso: string) => formatInZone(new Date(iso), viewerZone(), locale());

/** The instant a date and time typed by the reader (on their own wall clock) stand for; null if malformed. */
export function readerInstant(date: string, time: string): Date | null {
  try {
    return date && time ? zonedToUtc(date, time, viewerZone()) : null;
  } catch {
    return null;
  }
}

/** A time of day on the reader's wall clock, with the zone's short name ("14:05 GMT+3"). */
export const formatTime = (date: Date) => formatInZone(date, viewerZone(), locale(), { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

/** A calendar date (YYYY-MM-DD), short, for lists of dates ("3 Nov"). */
export const formatShortDate = (day: string) =>
  formatInZone(new Date(`${day}T12:00:00Z`), 'UTC', locale(), { day: 'numeric', month: 'short', timeZoneName: undefined });

/** "3 Nov, 10 Nov" in the page's language. */
export const listOf = (items: string[]) => new Intl.ListFormat(locale(), { type: 'unit', style: 'short' }).format(items);

/** A calendar date (YYYY-MM-DD) in the page's language. */
export const formatDate = (day: string) => formatInZone(new Date(`${day}T12:00:00Z`), 'UTC', locale(), { dateStyle: 'medium' });

/** "Times are in your time zone: Africa/Nairobi." into every `[data-zone-note]`. */
export function nameZone() {
  for (const node of $$('[data-zone-note]')) node.textContent = t('mentor.common.zone', { zone: viewerZone() });
}

// ---- course titles ----------------------------------------------------------------------------

/** `{ courseId: [title, lang, lessons: { lessonId: title }] }`, rendered at build time into data-courses. */
type Courses = Record<string, [title: string, lang: string, lessons: Record<string, string>]>;
let courses: Courses | undefined;
const courseData = () => (courses ??= JSON.parse(frame.root().dataset.courses ?? '{}') as Courses);

/** A course title, marked with its language when the page's locale has no translation of it. */
export function courseName(id: string): Node {
  const [title, lang] = courseData()[id] ?? [id, locale()];
  return lang === locale() ? document.createTextNode(title) : el('span', { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' }, title);
}
export const lessonTitle = (courseId: string, lessonId: string) => courseData()[courseId]?.[2][lessonId] ?? lessonId;
export const lessonIds = (courseId: string) => Object.keys(courseData()[courseId]?.[2] ?? {});
export const courseLang = (courseId: string) => courseData()[courseId]?.[1] ?? locale();

// ---- copying ----------------------------------------------------------------------------------

/** A copy button for an input's value; without clipboard access it selects the text for a manual copy. */
export function makeCopy(button: HTMLButtonElement, input: HTMLInputElement, status?: HTMLElement | null) {
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      announce(t('mentor.common.copied'), status ?? undefined);
    } catch {
      input.focus();
      input.select();
    }
  });
}
