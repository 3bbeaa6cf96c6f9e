// What the program-manager pages add to the frame every app page shares (../ui.ts): errors placed
// next to their field, dates, course titles, regions and countries, copying. The markup is
// site/components/manage/ManageShell.astro.
import { attempt, busy, clearErrors, el, type Failure, fieldOf, pageFrame, text } from '../ui.ts';

export { attempt, busy, clearErrors, el, type Failure, text };

const root = document.querySelector<HTMLElement>('[data-manage]')!;
const frame = pageFrame('manage');
frame.mount(root);
export const locale = root.dataset.locale ?? document.documentElement.lang;

/** A UI string of the page's area (site/i18n/areas/manage), formatted for the page's language. */
export const { t } = frame;

/** `?id=` of the page's address: the program or cohort it shows. */
export const pageId = () => new URLSearchParams(location.search).get('id');

export const { $, $$, alertPage, announce, failureOf, failLoad, failAction, confirmAction } = frame;

type Gate = 'loading' | 'signed-out' | 'forbidden' | 'missing' | 'ready' | 'failed';
/** Shows one of the page's states; the content only when ready. */
export const showGate: (state: Gate) => void = frame.showGate;

// ---- forms ----------------------------------------------------------------------------------

/** Marks one field as wrong; false if the form has no such field. */
export function markField(form: HTMLFormElement, path: string, message?: string): boolean {
  const field = fieldOf(form, path);
  if (!field) return false;
  $('.field-error', field).textContent = field.dataset.msg ?? message ?? t('manage.common.invalid');
  for (const input of $$<HTMLElement>('input:not([type=checkbox]), select, textarea', field)) input.setAttribute('aria-invalid', 'true');
  return true;
}

/**
 * Shows a failed submission: each detail next to its field, the rest in the form's alert.
 * `fieldFor` names the field a detail-less failure belongs to (e.g. 403 → regions).
 */
export function showErrors(form: HTMLFormElement, failure: Failure, fieldFor?: (f: Failure) => string | undefined) {
  clearErrors(form);
  if (failure.status === 401) return showGate('signed-out');
  let placed = 0;
  const unplaced: string[] = [];
  for (const d of failure.details) markField(form, d.path, d.message) ? placed++ : unplaced.push(d.message);
  const field = placed === 0 ? fieldFor?.(failure) : undefined;
  if (field && markField(form, field, failure.message)) placed++;
  const alert = form.querySelector<HTMLElement>('[data-form-alert]');
  const message =
    placed && !unplaced.length
      ? t('manage.common.fixFields')
      : failure.status === 0
        ? failure.message
        : t('manage.common.failed', { message: [failure.message, ...unplaced].join(' ') });
  if (alert) alert.textContent = message;
  else alertPage(message);
  form
    .querySelector<HTMLElement>('[aria-invalid=true], .field-error:not(:empty)')
    ?.closest('[data-field]')
    ?.querySelector<HTMLElement>('input, select, textarea')
    ?.focus();
}

/** A whole percent from 0 to 100 as typed, else NaN. */
export const wholePercent = (typed: string) => (/^\d{1,3}$/.test(typed) && Number(typed) <= 100 ? Number(typed) : Number.NaN);

export const formValues = (form: HTMLFormElement) => new FormData(form);
export const checked = (form: HTMLFormElement, name: string) => new FormData(form).getAll(name).map(String);

// ---- formatting -----------------------------------------------------------------------------

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
/** A calendar date (YYYY-MM-DD) in the page's language. */
export const formatDate = (day: string) => dateFormat.format(new Date(`${day}T00:00:00Z`));
export const formatDates = (start: string, end: string) => t('manage.common.dates', { start: formatDate(start), end: formatDate(end) });

/** The page's course titles, rendered at build time: `{ id: [title, lang] }`. */
export function courseTitles(): Record<string, [string, string]> {
  return JSON.parse(root.dataset.courseTable ?? '{}') as Record<string, [string, string]>;
}
/** A course title as a span in its own language (English on pages whose course is not translated). */
export function courseName(id: string) {
  const [title, lang] = courseTitles()[id] ?? [id, 'en'];
  return lang === locale ? document.createTextNode(title) : el('span', { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' }, title);
}

/** A copy button for the value of `source` (an input or textarea), or for what `read` returns. */
export function makeCopy(button: HTMLButtonElement, read: () => string) {
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(read());
      announce(t('manage.common.copied'));
    } catch {
      // No clipboard permission (plain http, old browser): select the text for a manual copy.
      const field = button.closest('.copyable')?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
      field?.select();
    }
  });
}

/** The M49 regions rendered at build time: `{ code: [name, codes inside it] }`. */
const regions = JSON.parse(root.dataset.regionTable ?? '{}') as Record<string, [string, string[]]>;
/** A region's name in the page's language (core/regions regionName, at build time). */
export const regionName = (code: string) => regions[code]?.[0] ?? code;
/** The given regions and every region inside one of them. */
export const regionsWithin = (outer: readonly string[]) => [...new Set(outer.flatMap((code) => (regions[code] ? [code, ...regions[code][1]] : [])))];
/** Every region code the page knows. */
export const allRegions = () => Object.keys(regions);

const countries = JSON.parse(root.dataset.countryTable ?? '{}') as Record<string, string>;
/** A country's name in the page's language, from its ISO alpha-2 code. */
export const countryName = (alpha2: string) => countries[alpha2] ?? alpha2;
/** Whether an upper-case alpha-2 code is a country (the same list the API checks). */
export const isCountry = (alpha2: string) => Object.hasOwn(countries, alpha2);

/** "Matching: reading profiles (40 %)": a running matching run's phase and progress, in the page's language. */
export function runningText(run: { phase: string; progress: number }) {
  const key = `matching.run.phase.${run.phase}`;
  return t('matching.run.running', { phase: t(key) === key ? run.phase : t(key), percent: run.progress });
}
