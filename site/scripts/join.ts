// /{locale}/join/: join a cohort with a code (also ?code=… prefilled), then on to "my learning".
import { api } from './api.ts';
import { forgetPendingCode, keepPendingCode, looksLikeCode, pendingCode, tidyCode } from './mentor/join-code.ts';
import {
  $,
  alertPage,
  announce,
  area,
  attempt,
  busy,
  clearErrors,
  type Failure,
  failureOf,
  formatTime,
  rejectFields,
  showErrors,
  showGate,
  t,
} from './mentor/ui.ts';

/** The field's message for a refused code, in the reader's language; undefined: not the code's fault. */
function codeProblem(f: Failure): [string, string?] | undefined {
  if (f.status === 404 || f.status === 400) return ['code', f.status === 404 ? t('join.wrong') : undefined];
  if (f.status === 429) {
    const seconds = f.retryAfter ?? 60;
    const time = formatTime(new Date(Date.now() + seconds * 1000));
    return ['code', t('join.limited', { minutes: Math.max(1, Math.ceil(seconds / 60)), time })];
  }
  if (f.status === 409) return ['code', t('join.full')];
  return undefined;
}

export async function showJoin() {
  area();
  const form = $<HTMLFormElement>('form[data-join]');
  const input = $<HTMLInputElement>('#join-code');
  input.value = new URLSearchParams(location.search).get('code') ?? pendingCode() ?? '';

  const me = await attempt(api.auth.me.$get());
  const user = me?.ok ? (await me.json()).user : undefined;
  if (user === null) {
    if (input.value) keepPendingCode(tidyCode(input.value));
    return showGate('signed-out');
  }
  // Offline (no answer): show the form anyway; sending it will say the server cannot be reached.
  showGate('ready');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      alertPage('');
      const code = tidyCode(input.value);
      if (!looksLikeCode(code)) return rejectFields(form, ['code']);
      const response = await attempt(api.cohorts.join.$post({ json: { code } }));
      if (!response?.ok) {
        const failure = await failureOf(response);
        showErrors(form, failure, codeProblem);
        return;
      }
      const { cohort, status } = await response.json();
      forgetPendingCode();
      announce(t(status === 'already-member' ? 'join.already' : 'join.joined', { cohort: cohort.name }), $('[data-form-status]', form));
      location.href = form.dataset.next!;
    });
  });
}
