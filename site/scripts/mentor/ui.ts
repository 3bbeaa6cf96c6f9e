// What the mentor and learner cohort pages share (mentor workspace, join, invitation, inbox, the
// cohort part of "my learning"): the page's strings, its states, errors next to their field, the
// confirmation dialog, times in the reader's own zone. The markup is site/components/mentor/Area.astro.
import { formatInZone, zonedToUtc } from '#core/schedule/zoned.ts';
import { fill } from '../format.ts';

let root: HTMLElement = document.body;
let strings: Record<string, string> = {};

/** Reads the area (one per page) and its strings; every page script calls this first. */
export function area(selector = '[data-area]'): HTMLElement {
  root = document.querySelector<HTMLElement>(selector) ?? document.body;
  strings = JSON.parse(root.querySelector('[data-strings]')?.textContent ?? '{}') as Record<string, string>;
  return root;
}

export const locale = () => document.documentElement.lang || 'en';

/** A UI string of the area (site/i18n/areas/mentor), formatted with plurals for the page's language. */
export const t = (key: string, params: Record<string, string | number> = {}) => fill(strings[key] ?? key, params);

/** `?name=` of the page's address. */
export const query = (name: string) => new URLSearchParams(location.search).get(name);

export const $ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => scope.querySelector<T>(selector)!;
export const $$ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => [...scope.querySelectorAll<T>(selector)];

type Child = Node | string | null | undefined | false;
/** A new element: `el('p', { class: 'meta' }, 'text', otherNode)`; attributes set to false, null or undefined are left out. */
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

// ---- page states ------------------------------------------------------------------------------

/** The area's states; pages may add their own (a `gates` slot of Area.astro). */
export type Gate = 'loading' | 'signed-out' | 'forbidden' | 'missing' | 'ready' | 'failed' | (string & {});
/** Shows one of the area's states; the content (`[data-view]`) only when ready. */
export function showGate(state: Gate) {
  for (const node of $$('[data-gate]')) node.hidden = node.dataset.gate !== state;
  const view = root.querySelector<HTMLElement>('[data-view]');
  if (view) view.hidden = state !== 'ready';
}

/** A page-level failure (role=alert); an empty message clears it. */
export function alertPage(message: string) {
  const alert = root.querySelector<HTMLElement>('[data-page-alert]');
  if (alert) alert.textContent = message;
}

/** A polite confirmation (role=status) that something was saved or done. */
export function announce(message: string, where: HTMLElement | null = root.querySelector<HTMLElement>('[data-page-status]')) {
  if (!where) return;
  where.textContent = '';
  // Set on the next frame, so the same message twice is announced twice.
  requestAnimationFrame(() => {
    where.textContent = message;
  });
}

// ---- API failures -----------------------------------------------------------------------------

export interface Failure {
  status: number;
  code: string;
  message: string;
  details: Array<{ path: string; message: string }>;
  /** Seconds, from Retry-After (rate limits). */
  retryAfter?: number;
  /** `details.reason`, where a route names why (e.g. an invitation: used, expired, account-exists). */
  reason?: string;
}

type ResponseLike = { status: number; headers: Headers; json(): Promise<unknown> };

/** The API's one error shape (core/errors.ts) read from a failed response; status 0 means no connection. */
export async function failureOf(response: ResponseLike | null): Promise<Failure> {
  if (!response) return { status: 0, code: 'offline', message: t('mentor.common.offline'), details: [] };
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  const raw = body?.error?.details;
  const details = Array.isArray(raw)
    ? (raw as unknown[]).filter((d): d is { path: string; message: string } => typeof (d as { path?: unknown })?.path === 'string')
    : [];
  const retry = Number(response.headers.get('retry-after'));
  const reason = (raw as { reason?: unknown } | undefined)?.reason;
  return {
    status: response.status,
    code: body?.error?.code ?? 'internal',
    message: body?.error?.message ?? `HTTP ${response.status}`,
    details,
    ...(retry > 0 ? { retryAfter: retry } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}

/** A request that may not reach the server: resolves to null when offline. */
export const attempt = <T>(request: Promise<T>) => request.catch(() => null);

/** The message for a failure that belongs to no field. */
export const failureText = (f: Failure) => (f.status === 0 ? f.message : t('mentor.common.failed', { message: f.message }));

/** What a page does when its data cannot be loaded: signed out, not theirs, or an error. */
export function failLoad(failure: Failure) {
  if (failure.status === 401) return showGate('signed-out');
  if (failure.status === 403 || failure.status === 404) return showGate('forbidden');
  showGate('failed');
  alertPage(failureText(failure));
}

/** After a change fails: 401 means the session ended; anything else is an alert. */
export function failAction(failure: Failure, where?: HTMLElement | null) {
  if (failure.status === 401) return showGate('signed-out');
  if (where) where.textContent = failureText(failure);
  else alertPage(failureText(failure));
}

// ---- forms ------------------------------------------------------------------------------------

/**
 * A form's fields are wrapped in `[data-field="path"]` (the API's error path) holding a
 * `.field-error`; `data-msg` is the field's message in the page's language, shown instead of the
 * API's English one. `[data-form-alert]` (role=alert) takes what belongs to no field.
 */
export function clearErrors(form: HTMLElement) {
  for (const field of $$('[data-field]', form)) {
    $('.field-error', field).textContent = '';
    for (const input of $$('input, select, textarea', field)) input.removeAttribute('aria-invalid');
  }
  const alert = form.querySelector<HTMLElement>('[data-form-alert]');
  if (alert) alert.textContent = '';
}

/** Marks one field wrong (with `message`, else its own `data-msg`); false if the form has no such field. */
export function markField(form: HTMLElement, path: string, message?: string): boolean {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (!field) continue;
    $('.field-error', field).textContent = message ?? field.dataset.msg ?? t('mentor.common.invalid');
    for (const input of $$<HTMLElement>('input:not([type=checkbox]):not([type=radio]), select, textarea', field)) input.setAttribute('aria-invalid', 'true');
    return true;
  }
  return false;
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

/** Runs `task` once at a time for a form or button; controls stay focusable (aria-disabled) meanwhile. */
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

export const text = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim();

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

// ---- confirmation -----------------------------------------------------------------------------

/** Asks in the area's <dialog>; Escape or Cancel says no. Focus returns to the trigger (or `fallbackFocus` once it is gone). */
export function confirmAction(message: string, confirmLabel: string, fallbackFocus?: HTMLElement): Promise<boolean> {
  const dialog = $<HTMLDialogElement>('dialog[data-confirm]');
  const trigger = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  $('[data-confirm-text]', dialog).textContent = message;
  $('[data-confirm-ok]', dialog).textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        resolve(dialog.returnValue === 'confirm');
        requestAnimationFrame(() => (trigger?.isConnected ? trigger : fallbackFocus)?.focus());
      },
      { once: true },
    );
  });
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
const courseData = () => (courses ??= JSON.parse(root.dataset.courses ?? '{}') as Courses);

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
