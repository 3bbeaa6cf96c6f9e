// What the program-manager pages share: strings, page states, errors placed next to their field,
// the confirmation dialog, small DOM helpers. The markup is site/components/manage/ManageShell.astro.
import { fill } from '../format.ts';

const root = document.querySelector<HTMLElement>('[data-manage]')!;
const strings = JSON.parse(root.querySelector('[data-strings]')?.textContent ?? '{}') as Record<string, string>;
export const locale = root.dataset.locale ?? document.documentElement.lang;

/** A UI string of the page's area (site/i18n/areas/manage), formatted for the page's language. */
export const t = (key: string, params: Record<string, string | number> = {}) => fill(strings[key] ?? key, params);

/** `?id=` of the page's address: the program or cohort it shows. */
export const pageId = () => new URLSearchParams(location.search).get('id');

export const $ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => scope.querySelector<T>(selector)!;
export const $$ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => [...scope.querySelectorAll<T>(selector)];

type Child = Node | string | null | undefined | false;
/** A new element: `el('td', { class: 'meta' }, 'text', otherNode)`. Attributes set to false or null are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: Child[]
) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

// ---- page states ----------------------------------------------------------------------------

type Gate = 'loading' | 'signed-out' | 'forbidden' | 'missing' | 'ready' | 'failed';
export function showGate(state: Gate) {
  for (const node of $$('[data-gate]')) node.hidden = node.dataset.gate !== state;
  $('[data-view]').hidden = state !== 'ready';
}

const pageAlert = () => $('[data-page-alert]');
/** A page-level error (role=alert); an empty message clears it. */
export function alertPage(message: string) {
  pageAlert().textContent = message;
}
/** A polite confirmation that something was done. */
export function announce(message: string) {
  const status = $('[data-page-status]');
  status.textContent = '';
  // A fresh text node each time, so the same message twice is still announced.
  requestAnimationFrame(() => {
    status.textContent = message;
  });
}

// ---- API failures ---------------------------------------------------------------------------

export interface Failure {
  status: number;
  code: string;
  message: string;
  details: Array<{ path: string; message: string }>;
}

/** The API's one error shape (core/errors.ts), read from a failed response; status 0: no connection. */
export async function failureOf(response: { status: number; json(): Promise<unknown> } | null): Promise<Failure> {
  if (!response) return { status: 0, code: 'offline', message: t('manage.common.offline'), details: [] };
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  const details = Array.isArray(body?.error?.details)
    ? (body.error.details as unknown[]).filter((d): d is { path: string; message: string } => typeof (d as { path?: unknown })?.path === 'string')
    : [];
  return { status: response.status, code: body?.error?.code ?? 'internal', message: body?.error?.message ?? `HTTP ${response.status}`, details };
}

/** A request that may not reach the server: resolves to null when offline. */
export const attempt = <T>(request: Promise<T>) => request.catch(() => null);

/** What a page does when its data cannot be loaded: signed out, not theirs, or an error. */
export function failLoad(failure: Failure) {
  if (failure.status === 401) return showGate('signed-out');
  if (failure.status === 403 || failure.status === 404) return showGate('forbidden');
  showGate('failed');
  alertPage(failure.status === 0 ? failure.message : t('manage.common.failed', { message: failure.message }));
}

/** After a change: 401 means the session ended; anything else is an alert on the page. */
export function failAction(failure: Failure) {
  if (failure.status === 401) return showGate('signed-out');
  alertPage(failure.status === 0 ? failure.message : t('manage.common.failed', { message: failure.message }));
}

// ---- forms ----------------------------------------------------------------------------------

/**
 * A form's fields are wrapped in `[data-field="path"]` (the API's error path: `name`,
 * `pattern.time`) holding a `.field-error`; `data-msg` is the field's message in the page's
 * language, shown instead of the API's English one.
 */
export function clearErrors(form: HTMLFormElement) {
  for (const field of $$('[data-field]', form)) {
    $('.field-error', field).textContent = '';
    for (const input of $$('input, select, textarea', field)) input.removeAttribute('aria-invalid');
  }
  const alert = form.querySelector<HTMLElement>('[data-form-alert]');
  if (alert) alert.textContent = '';
}

/** Marks one field as wrong; false if the form has no such field. */
export function markField(form: HTMLFormElement, path: string, message?: string): boolean {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (!field) continue;
    $('.field-error', field).textContent = field.dataset.msg ?? message ?? t('manage.common.invalid');
    for (const input of $$<HTMLElement>('input:not([type=checkbox]), select, textarea', field)) input.setAttribute('aria-invalid', 'true');
    return true;
  }
  return false;
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

/** Runs `task` once at a time for a form or button; the control stays focusable (aria-disabled) while it works. */
export async function busy<T>(control: HTMLElement, task: () => Promise<T>): Promise<T | undefined> {
  if (control.dataset.busy) return undefined;
  control.dataset.busy = '1';
  const buttons = control instanceof HTMLFormElement ? $$<HTMLButtonElement>('button[type=submit], button:not([type])', control) : [control];
  for (const b of buttons) b.setAttribute('aria-disabled', 'true');
  try {
    return await task();
  } finally {
    delete control.dataset.busy;
    for (const b of buttons) b.removeAttribute('aria-disabled');
  }
}

export const formValues = (form: HTMLFormElement) => new FormData(form);
export const text = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim();
export const checked = (form: HTMLFormElement, name: string) => new FormData(form).getAll(name).map(String);

// ---- confirmation ---------------------------------------------------------------------------

/** Asks in the page's dialog; Escape or Cancel says no. Focus goes back to what was focused before. */
export function confirmAction(message: string, confirmLabel: string, fallbackFocus?: HTMLElement): Promise<boolean> {
  const dialog = $<HTMLDialogElement>('[data-confirm]');
  const trigger = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  $('[data-confirm-text]', dialog).textContent = message;
  $('[data-confirm-ok]', dialog).textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const ok = dialog.returnValue === 'confirm';
        resolve(ok);
        // The trigger may be gone once the action is done (a removed row): callers pass where to go then.
        requestAnimationFrame(() => (trigger?.isConnected ? trigger : fallbackFocus)?.focus());
      },
      { once: true },
    );
  });
}

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
