// The profile page's "Password and sign-in": change the password (every other device is signed
// out, this one stays in) and sign out everywhere, after a confirmation in place.
import type { ErrorBody } from '#core/errors.ts';
import { api } from './api.ts';
import { forgetSignedInUser } from './storage.ts';

export function showAccountSecurity() {
  const root = document.querySelector<HTMLElement>('[data-security]');
  if (!root) return;
  const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const t = root.dataset;
  root.hidden = false;

  const form = $<HTMLFormElement>('form[data-password-form]');
  const status = $('[data-password-status]');
  const alert = $('[data-password-alert]');
  const clear = () => {
    for (const box of root.querySelectorAll<HTMLElement>('[data-error-for]')) box.textContent = '';
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    alert.textContent = '';
    status.textContent = '';
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    const values = new FormData(form);
    const button = $<HTMLButtonElement>('button[type=submit]');
    button.disabled = true;
    try {
      const response = await api.auth.password.$post({
        json: { currentPassword: String(values.get('currentPassword') ?? ''), newPassword: String(values.get('newPassword') ?? '') },
      });
      if (response.ok) {
        form.reset();
        status.textContent = t.tChanged ?? '';
        return;
      }
      const { error } = (await response.json()) as unknown as ErrorBody;
      let first: HTMLElement | null = null;
      for (const d of (Array.isArray(error.details) ? error.details : []) as Array<{ path: string; message: string }>) {
        const box = root.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(d.path)}"]`);
        const input = form.querySelector<HTMLElement>(`[name="${CSS.escape(d.path)}"]`);
        if (!box || !input) continue;
        box.textContent = d.message;
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
      }
      if (first) first.focus();
      else alert.textContent = `${t.tFailed ?? ''} ${error.message}`.trim();
    } catch {
      alert.textContent = t.tOffline ?? '';
    } finally {
      button.disabled = false;
    }
  });

  const ask = $<HTMLButtonElement>('[data-everywhere]');
  const confirmBox = $('[data-everywhere-confirm]');
  ask.addEventListener('click', () => {
    confirmBox.hidden = false;
    ask.hidden = true;
    $<HTMLButtonElement>('[data-everywhere-yes]').focus();
  });
  $('[data-everywhere-no]').addEventListener('click', () => {
    confirmBox.hidden = true;
    ask.hidden = false;
    ask.focus();
  });
  $('[data-everywhere-yes]').addEventListener('click', async () => {
    try {
      const response = await api.auth['logout-everywhere'].$post();
      if (!response.ok && (response.status as number) !== 401) throw new Error(String(response.status));
      forgetSignedInUser();
      location.href = `/${document.documentElement.lang}/sign-in/`;
    } catch {
      $('[data-everywhere-alert]').textContent = t.tOffline ?? '';
    }
  });
}
