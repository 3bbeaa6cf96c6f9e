import type { ErrorBody } from '#core/errors.ts';
import { api } from './api.ts';
import { sync } from './outbox.ts';
import { rememberUser } from './storage.ts';

/** Posts the sign-in / sign-up form as JSON and shows the API's error message in place. */
export function enhanceAuthForms() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-auth]')) {
    const errorBox = form.querySelector<HTMLElement>('[data-error]')!;
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const fields = Object.fromEntries(new FormData(form)) as Record<string, string>;
      const credentials = { email: fields.email ?? '', password: fields.password ?? '' };
      const label = button.textContent;
      button.disabled = true;
      button.textContent = form.dataset.tWorking ?? label;
      errorBox.textContent = '';
      try {
        const response =
          form.dataset.auth === 'sign-up'
            ? await api.auth.register.$post({
                json: {
                  ...credentials,
                  name: fields.name ?? '',
                  locale: form.dataset.locale!,
                  ...(fields.country ? { country: fields.country.toUpperCase() } : {}),
                },
              })
            : await api.auth.login.$post({ json: credentials });
        if (!response.ok) {
          const { error } = (await response.json()) as unknown as Partial<ErrorBody>;
          const details = Array.isArray(error?.details) ? error.details.map((d: { message: string }) => d.message).join(' ') : '';
          errorBox.textContent = `${error?.message ?? form.dataset.tFailed} ${details}`.trim();
          return;
        }
        rememberUser((await response.json()).user);
        await sync();
        location.href = form.dataset.next!;
      } catch {
        errorBox.textContent = form.dataset.tOffline ?? '';
      } finally {
        button.disabled = false;
        button.textContent = label;
      }
    });
  }
}
