// /{locale}/invitation/#token: who is invited to which cohort; set a password, accept, signed in.
import { api } from './api.ts';
import { sync } from './outbox.ts';
import { rememberUser } from './storage.ts';
import { $, alertPage, announce, area, attempt, busy, clearErrors, failureOf, failureText, rejectFields, showErrors, showGate, t } from './mentor/ui.ts';

/** Same rule as sign-up (api/auth/schemas.ts): 10 to 200 characters. */
const passwordFits = (p: string) => p.length >= 10 && p.length <= 200;

/** Which notice explains a refused invitation (409 names the reason; 404: no such invitation). */
const refusal = (reason: string | undefined) => (reason === 'expired' ? 'expired' : reason === 'account-exists' ? 'account-exists' : 'invalid');

export async function showInvitation() {
  area();
  const token = decodeURIComponent(location.hash.slice(1)).trim();
  if (!token) return showGate('no-token');

  const found = await attempt(api.invitations.lookup.$post({ json: { token } }));
  if (!found?.ok) {
    const failure = await failureOf(found);
    if (failure.status === 404 || failure.status === 400 || failure.status === 409) return showGate(refusal(failure.reason));
    showGate('failed');
    return alertPage(failureText(failure));
  }
  const invitation = await found.json();
  if (invitation.expired) return showGate('expired');
  $('[data-invited]').textContent = t('invitation.invited', { name: invitation.name, email: invitation.email, cohort: invitation.cohortName });
  $<HTMLInputElement>('[data-email]').value = invitation.email;
  showGate('ready');

  const form = $<HTMLFormElement>('form[data-accept]');
  const password = $<HTMLInputElement>('#invitation-password');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      if (!passwordFits(password.value)) return rejectFields(form, ['password']);
      const accepted = await attempt(api.invitations.accept.$post({ json: { token, password: password.value } }));
      if (!accepted?.ok) {
        const failure = await failureOf(accepted);
        if (failure.status === 404 || failure.status === 409) return showGate(refusal(failure.reason));
        return showErrors(form, failure);
      }
      rememberUser((await accepted.json()).user);
      // The secret has done its job: keep it out of the history.
      history.replaceState(null, '', location.pathname);
      announce(t('invitation.accepted'), $('[data-form-status]', form));
      await sync();
      location.href = form.dataset.next!;
    });
  });
}
