// The frame every app page shares, whichever area it belongs to (the program manager's pages:
// site/components/manage/ManageShell.astro; the mentor and learner cohort pages:
// site/components/mentor/Area.astro): the page's strings, its states, its alert and status, the
// API's failures, one action at a time, the confirmation dialog, small DOM helpers.
// manage/ui.ts and mentor/ui.ts each make one frame and add what only their own pages need.
import { fill } from './format.ts';

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

/** A frame's states; pages may add their own (a `gates` slot of Area.astro). */
export type Gate = 'loading' | 'signed-out' | 'forbidden' | 'missing' | 'ready' | 'failed' | (string & {});

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

type ResponseLike = { status: number; headers?: Headers; json(): Promise<unknown> };

/** A request that may not reach the server: resolves to null when offline. */
export const attempt = <T>(request: Promise<T>) => request.catch(() => null);

// ---- forms ------------------------------------------------------------------------------------

/**
 * A form's fields are wrapped in `[data-field="path"]` (the API's error path: `name`,
 * `pattern.time`) holding a `.field-error`; `data-msg` is the field's message in the page's
 * language, shown instead of the API's English one. `[data-form-alert]` takes what belongs to no field.
 */
export function clearErrors(form: HTMLElement) {
  for (const field of form.querySelectorAll<HTMLElement>('[data-field]')) {
    field.querySelector<HTMLElement>('.field-error')!.textContent = '';
    for (const input of field.querySelectorAll<HTMLElement>('input, select, textarea')) input.removeAttribute('aria-invalid');
  }
  const alert = form.querySelector<HTMLElement>('[data-form-alert]');
  if (alert) alert.textContent = '';
}

/** The field an error path names, else the nearest one holding it (`pattern.time` → `pattern`); null if the form has none. */
export function fieldOf(form: HTMLElement, path: string): HTMLElement | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (field) return field;
  }
  return null;
}

/** Runs `task` once at a time for a form or button; the controls stay focusable (aria-disabled) while it works. */
export async function busy<T>(control: HTMLElement, task: () => Promise<T>): Promise<T | undefined> {
  if (control.dataset.busy) return undefined;
  control.dataset.busy = '1';
  const buttons = control instanceof HTMLFormElement ? [...control.querySelectorAll<HTMLButtonElement>('button[type=submit], button:not([type])')] : [control];
  for (const b of buttons) b.setAttribute('aria-disabled', 'true');
  try {
    return await task();
  } finally {
    delete control.dataset.busy;
    for (const b of buttons) b.removeAttribute('aria-disabled');
  }
}

export const text = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim();

// ---- the frame --------------------------------------------------------------------------------

/**
 * One page's frame. `area` names the strings' area: its common keys (`manage.common.offline`,
 * `mentor.common.failed`…) word the failures. Until `mount` is called the frame is the document's
 * body, without strings.
 */
export function pageFrame(area: 'manage' | 'mentor') {
  let root: HTMLElement = document.body;
  let strings: Record<string, string> = {};

  /** Makes `node` the frame and reads its strings (`[data-strings]`, JSON). */
  function mount(node: HTMLElement): HTMLElement {
    root = node;
    strings = JSON.parse(node.querySelector('[data-strings]')?.textContent ?? '{}') as Record<string, string>;
    return node;
  }

  /** A UI string of the frame's area, formatted with plurals for the page's language. */
  const t = (key: string, params: Record<string, string | number> = {}) => fill(strings[key] ?? key, params);

  const $ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => scope.querySelector<T>(selector)!;
  const $$ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => [...scope.querySelectorAll<T>(selector)];

  // ---- page states --------------------------------------------------------------------------

  /** Shows one of the frame's states; the content (`[data-view]`) only when ready. */
  function showGate(state: Gate) {
    for (const node of $$('[data-gate]')) node.hidden = node.dataset.gate !== state;
    const view = root.querySelector<HTMLElement>('[data-view]');
    if (view) view.hidden = state !== 'ready';
  }

  /** A page-level failure (role=alert); an empty message clears it. */
  function alertPage(message: string) {
    const alert = root.querySelector<HTMLElement>('[data-page-alert]');
    if (alert) alert.textContent = message;
  }

  /** A polite confirmation (role=status) that something was saved or done. */
  function announce(message: string, where: HTMLElement | null = root.querySelector<HTMLElement>('[data-page-status]')) {
    if (!where) return;
    where.textContent = '';
    // Set on the next frame, so the same message twice is announced twice.
    requestAnimationFrame(() => {
      where.textContent = message;
    });
  }

  // ---- API failures -------------------------------------------------------------------------

  /** The API's one error shape (core/errors.ts) read from a failed response; status 0 means no connection. */
  async function failureOf(response: ResponseLike | null): Promise<Failure> {
    if (!response) return { status: 0, code: 'offline', message: t(`${area}.common.offline`), details: [] };
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    const raw = body?.error?.details;
    const details = Array.isArray(raw)
      ? (raw as unknown[]).filter((d): d is { path: string; message: string } => typeof (d as { path?: unknown })?.path === 'string')
      : [];
    const retry = Number(response.headers?.get('retry-after'));
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

  /** The message for a failure that belongs to no field. */
  const failureText = (f: Failure) => (f.status === 0 ? f.message : t(`${area}.common.failed`, { message: f.message }));

  /** What a page does when its data cannot be loaded: signed out, not theirs, or an error. */
  function failLoad(failure: Failure) {
    if (failure.status === 401) return showGate('signed-out');
    if (failure.status === 403 || failure.status === 404) return showGate('forbidden');
    showGate('failed');
    alertPage(failureText(failure));
  }

  /** After a change fails: 401 means the session ended; anything else is an alert (in `where`, else the page's). */
  function failAction(failure: Failure, where?: HTMLElement | null) {
    if (failure.status === 401) return showGate('signed-out');
    if (where) where.textContent = failureText(failure);
    else alertPage(failureText(failure));
  }

  // ---- confirmation -------------------------------------------------------------------------

  /** Asks in the frame's <dialog>; Escape or Cancel says no. Focus returns to the trigger (or `fallbackFocus` once it is gone). */
  function confirmAction(message: string, confirmLabel: string, fallbackFocus?: HTMLElement): Promise<boolean> {
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
          // The trigger may be gone once the action is done (a removed row): callers pass where to go then.
          requestAnimationFrame(() => (trigger?.isConnected ? trigger : fallbackFocus)?.focus());
        },
        { once: true },
      );
    });
  }

  return {
    mount,
    /** The frame's element. */
    root: () => root,
    t,
    $,
    $$,
    showGate,
    alertPage,
    announce,
    failureOf,
    failureText,
    failLoad,
    failAction,
    confirmAction,
  };
}
