import { sync } from './outbox.ts';

interface ApiErrorBody {
  error?: { message?: string; details?: Array<{ path: string; message: string }> };
}

/** Posts the sign-in / sign-up form as JSON and shows the API's error message in place. */
export function enhanceAuthForms() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-auth]')) {
    const errorBox = form.querySelector<HTMLElement>('[data-error]')!;
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const fields = Object.fromEntries(new FormData(form)) as Record<string, string>;
      const body: Record<string, string> = { email: fields.email ?? '', password: fields.password ?? '' };
      if (form.dataset.auth === 'sign-up') {
        body.name = fields.name ?? '';
        body.locale = form.dataset.locale!;
        if (fields.country) body.country = fields.country.toUpperCase();
      }
      const label = button.textContent;
      button.disabled = true;
      button.textContent = form.dataset.tWorking ?? label;
      errorBox.textContent = '';
      try {
        const response = await fetch(form.dataset.auth === 'sign-up' ? '/api/auth/register' : '/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(body),
        });
        const json = (await response.json()) as { user?: { id: string; name: string; role: string } } & ApiErrorBody;
        if (!response.ok || !json.user) {
          const details = json.error?.details?.map((d) => d.message).join(' ') ?? '';
          errorBox.textContent = `${json.error?.message ?? form.dataset.tFailed} ${details}`.trim();
          return;
        }
        localStorage.setItem('accord.user', JSON.stringify({ id: json.user.id, name: json.user.name, role: json.user.role }));
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
