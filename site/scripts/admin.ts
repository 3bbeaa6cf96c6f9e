// The admin page (site/pages/[locale]/admin/index.astro): program managers with their regions, a
// regions form per manager, and a role change by email. Region and country names come from the page
// (written at build time in its language); strings from site/i18n/areas/admin.
import type { Role } from '#core/user.ts';
import { api } from './api.ts';
import { fill } from './format.ts';

interface Manager {
  id: string;
  name: string;
  email: string;
  country: string | null;
  regions: string[];
}
interface Failure {
  status: number;
  message: string;
}

const root = document.querySelector<HTMLElement>('[data-admin]');
const strings = JSON.parse(root?.querySelector('[data-strings]')?.textContent ?? '{}') as Record<string, string>;
const t = (key: string, params: Record<string, string | number> = {}) => fill(strings[`admin.${key}`] ?? key, params);
const $ = <T extends HTMLElement = HTMLElement>(selector: string, scope: ParentNode = root!) => scope.querySelector<T>(selector)!;

type Gate = 'loading' | 'signed-out' | 'forbidden' | 'ready' | 'failed';
function showGate(state: Gate) {
  for (const node of root!.querySelectorAll<HTMLElement>('[data-gate]')) node.hidden = node.dataset.gate !== state;
  $('[data-view]').hidden = state !== 'ready';
}

/** The API's error shape (core/errors.ts) from a failed response; status 0: no connection. */
async function failureOf(response: { status: number; json(): Promise<unknown> } | null): Promise<Failure> {
  if (!response) return { status: 0, message: t('offline') };
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { status: response.status, message: body?.error?.message ?? `HTTP ${response.status}` };
}
const attempt = <T>(request: Promise<T>) => request.catch(() => null);
const failed = (f: Failure) => (f.status === 0 ? f.message : t('failed', { message: f.message }));

/** A polite status that is announced again even when the text repeats. */
function say(node: HTMLElement, message: string) {
  node.textContent = '';
  requestAnimationFrame(() => {
    node.textContent = message;
  });
}

/** Runs one submission at a time; the button stays focusable (aria-disabled) while it works. */
async function busy(form: HTMLFormElement, task: () => Promise<void>) {
  if (form.dataset.busy) return;
  form.dataset.busy = '1';
  const button = $<HTMLButtonElement>('button[type=submit]', form);
  button.setAttribute('aria-disabled', 'true');
  try {
    await task();
  } finally {
    delete form.dataset.busy;
    button.removeAttribute('aria-disabled');
  }
}

// ---- names ----------------------------------------------------------------------------------

const template = $<HTMLTemplateElement>('[data-manager-template]');
const regionNames = new Map(
  [...template.content.querySelectorAll<HTMLInputElement>('input[name=regions]')].map((input) => [
    input.value,
    input.nextElementSibling?.textContent ?? input.value,
  ]),
);
const countries = JSON.parse(root?.dataset.countries ?? '{}') as Record<string, string>;
const listFormat = new Intl.ListFormat(document.documentElement.lang, { type: 'unit', style: 'short' });
const regionsText = (codes: readonly string[]) => (codes.length ? listFormat.format(codes.map((c) => regionNames.get(c) ?? c)) : t('manager.noRegions'));

// ---- managers -------------------------------------------------------------------------------

function showRegions(item: HTMLElement, manager: Manager) {
  $('[data-regions]', item).textContent = regionsText(manager.regions);
  const chosen = new Set(manager.regions);
  for (const box of item.querySelectorAll<HTMLInputElement>('input[name=regions]')) box.checked = chosen.has(box.value);
}

function managerItem(manager: Manager): HTMLElement {
  const item = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
  item.dataset.manager = manager.id;
  const heading = $('[data-name]', item);
  heading.id = `manager-${manager.id}`;
  heading.textContent = manager.name;
  $('[data-email]', item).textContent = manager.email;
  $('[data-country]', item).textContent = manager.country ? (countries[manager.country] ?? manager.country) : t('manager.noCountry');
  $('[data-legend]', item).textContent = t('regions.legend', { name: manager.name });
  showRegions(item, manager);

  const form = $<HTMLFormElement>('[data-regions-form]', item);
  const alert = $('[data-form-alert]', form);
  const status = $('[data-form-status]', form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      alert.textContent = '';
      status.textContent = '';
      const regions = new FormData(form).getAll('regions').map(String);
      const response = await attempt(api.admin.managers[':id'].regions.$put({ param: { id: manager.id }, json: { regions } }));
      if (response?.ok) {
        const saved = (await response.json()).manager;
        showRegions(item, saved);
        say(status, t('regions.saved', { name: saved.name }));
        return;
      }
      const failure = await failureOf(response);
      if (failure.status === 401) return showGate('signed-out');
      if (failure.status === 403) return showGate('forbidden');
      alert.textContent = failure.status === 409 || failure.status === 404 ? t('regions.notManager') : failed(failure);
    });
  });
  return item;
}

async function loadManagers(): Promise<boolean> {
  const response = await attempt(api.admin.managers.$get());
  if (!response?.ok) {
    const failure = await failureOf(response);
    if (failure.status === 401) showGate('signed-out');
    else if (failure.status === 403) showGate('forbidden');
    else {
      showGate('failed');
      $('[data-page-alert]').textContent = failed(failure);
    }
    return false;
  }
  const { managers } = await response.json();
  $('[data-managers]').replaceChildren(...managers.map(managerItem));
  $('[data-empty]').hidden = managers.length > 0;
  return true;
}

// ---- role change ----------------------------------------------------------------------------

/** The account with this email (the admin list is ordered by email, read page by page). */
async function userWithEmail(email: string) {
  let after: string | undefined;
  for (;;) {
    const response = await api.admin.users.$get({ query: after === undefined ? { limit: '200' } : { limit: '200', after } });
    if (!response.ok) return { response };
    const page = await response.json();
    const user = page.users.find((u) => u.email.toLowerCase() === email);
    if (user) return { user };
    if (!page.next) return {};
    after = page.next;
  }
}

function roleForm() {
  const form = $<HTMLFormElement>('[data-role-form]');
  const input = $<HTMLInputElement>('input[name=email]', form);
  const emailError = $('[data-email-error]', form);
  const alert = $('[data-form-alert]', form);
  const status = $('[data-form-status]', form);
  const markEmail = (message: string) => {
    emailError.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      emailError.textContent = '';
      input.removeAttribute('aria-invalid');
      alert.textContent = '';
      status.textContent = '';
      const email = input.value.trim().toLowerCase();
      const role = $<HTMLSelectElement>('select[name=role]', form).value as Role;
      if (!email || !input.checkValidity()) return markEmail(t('role.emailError'));
      const found = await userWithEmail(email).catch(() => ({ response: null }));
      if ('response' in found) {
        const failure = await failureOf(found.response ?? null);
        if (failure.status === 401) return showGate('signed-out');
        if (failure.status === 403) return showGate('forbidden');
        alert.textContent = failed(failure);
        return;
      }
      if (!found.user) return markEmail(t('role.notFound'));
      const response = await attempt(api.admin.users[':id'].$patch({ param: { id: found.user.id }, json: { role } }));
      if (!response?.ok) {
        const failure = await failureOf(response);
        if (failure.status === 401) return showGate('signed-out');
        if (failure.status === 403) return showGate('forbidden');
        alert.textContent = failure.status === 409 ? t('role.self') : failed(failure);
        return;
      }
      const { user } = await response.json();
      await loadManagers();
      say(status, t('role.done', { name: user.name, role: t(`role.${user.role}`) }));
      form.reset();
    });
  });
}

export async function showAdmin() {
  if (!root) return;
  if (await loadManagers()) {
    roleForm();
    showGate('ready');
  }
}
