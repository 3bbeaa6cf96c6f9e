// The cohort page's "Certificates" (markup: site/pages/[locale]/manage/cohort.astro): the cohort's
// certificates with their state and the reason of its last change; revoke (final), suspend or
// reinstate one with a reason, confirmed in place; issue one by hand to a member, with a reason.
// The holder is told of each change (the API notifies them).
import type { InferResponseType } from 'hono/client';
import { api } from '../api.ts';
import { verifyPageIn } from '../credential-file.ts';
import { $, announce, attempt, busy, clearErrors, el, failAction, failureOf, locale, showErrors, t, text } from './ui.ts';

type Certificate = InferResponseType<(typeof api.cohorts)[':cohortId']['credentials']['$get'], 200>['credentials'][number];
type Change = 'revoked' | 'suspended' | 'active';
interface Member {
  id: string;
  name: string;
}

// The API's rule for a reason (api/certification/routes.ts).
const REASON = { min: 5, max: 500 };
const VERBS: Record<Change, { button: string; label: string; confirm: string; submit: string; done: string }> = {
  revoked: { button: 'revoke', label: 'revokeOf', confirm: 'confirmRevoke', submit: 'doRevoke', done: 'revoked' },
  suspended: { button: 'suspend', label: 'suspendOf', confirm: 'confirmSuspend', submit: 'doSuspend', done: 'suspended' },
  active: { button: 'reinstate', label: 'reinstateOf', confirm: 'confirmReinstate', submit: 'doReinstate', done: 'reinstated' },
};
const m = (key: string, params: Record<string, string | number> = {}) => t(`certificates.manage.${key}`, params);

/** A reason typed by the manager, checked as the API will check it; false after marking the field. */
function reasonFits(form: HTMLFormElement): boolean {
  const reason = text(form, 'reason');
  if (reason.length >= REASON.min && reason.length <= REASON.max) return true;
  showErrors(form, { status: 400, code: 'invalid_request', message: '', details: [{ path: 'reason', message: m('reasonError') }] });
  return false;
}

/** A reason field (as Field.astro renders one) for a form made in the page. */
function reasonField(id: string, label: string) {
  return el(
    'div',
    { 'data-field': 'reason' },
    el('label', { for: id }, label),
    el('textarea', { id, name: 'reason', class: 'prose', dir: 'auto', rows: 2, maxlength: REASON.max, required: true, 'aria-describedby': `${id}-error` }),
    el('p', { class: 'field-error', id: `${id}-error` }),
  );
}

export function setupCertificates(cohortId: string, members: () => Member[]) {
  let certificates: Certificate[] = [];
  const issued = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const heading = $('#certificates');

  async function load() {
    const response = await attempt(api.cohorts[':cohortId'].credentials.$get({ param: { cohortId } }));
    $('[data-certificates-loading]').hidden = true;
    if (!response?.ok) return failAction(await failureOf(response));
    certificates = (await response.json()).credentials;
    render();
    showMembers();
  }

  function render() {
    $('[data-certificates]').replaceChildren(...certificates.map(row));
    $('[data-certificates-list]').hidden = certificates.length === 0;
    $('[data-certificates-empty]').hidden = certificates.length > 0;
  }

  function row(c: Certificate) {
    const tr = el(
      'tr',
      { 'data-certificate': c.id },
      el('th', { scope: 'row' }, el('bdi', {}, c.name), c.byHand ? el('span', { class: 'meta' }, ` · ${m('byHand')}`) : null),
      el('td', {}, el('time', { datetime: c.issuedAt }, issued.format(new Date(c.issuedAt)))),
      el('td', {}, el('strong', {}, t(`certificates.state.${c.state}`))),
      el('td', { dir: 'auto' }, c.stateReason ?? '—'),
    );
    const actions = el(
      'div',
      { class: 'actions' },
      el('a', { href: verifyPageIn(c.verifyUrl, locale), 'aria-label': m('viewOf', { name: c.name }) }, m('view')),
    );
    const changes: Change[] = c.state === 'active' ? ['suspended', 'revoked'] : c.state === 'suspended' ? ['active', 'revoked'] : [];
    for (const to of changes) {
      const button = el(
        'button',
        {
          type: 'button',
          class: to === 'revoked' ? 'secondary danger' : 'secondary',
          'aria-label': m(VERBS[to].label, { name: c.name }),
          'aria-expanded': 'false',
        },
        m(VERBS[to].button),
      );
      button.addEventListener('click', () => openChange(c, to, tr, button));
      actions.append(button);
    }
    if (c.state === 'revoked') actions.append(el('span', { class: 'meta' }, m('final')));
    tr.append(el('td', {}, actions));
    return tr;
  }

  /** The confirmation in place: under the row, what the change means, the reason, confirm or cancel. */
  function openChange(c: Certificate, to: Change, tr: HTMLTableRowElement, trigger: HTMLButtonElement) {
    closeChange();
    const id = `change-${c.id}`;
    const cancel = el('button', { type: 'button', class: 'secondary' }, t('manage.common.cancel'));
    const form = el(
      'form',
      { novalidate: true, 'aria-labelledby': `${id}-text` },
      el('p', { id: `${id}-text` }, m(VERBS[to].confirm, { name: c.name })),
      reasonField(`${id}-reason`, m('reasonLabel')),
      el('p', { class: 'alert', role: 'alert', 'data-form-alert': true }),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: to === 'revoked' ? 'danger' : null }, m(VERBS[to].submit)), cancel),
    );
    const panel = el('tr', { class: 'change', 'data-change': c.id }, el('td', { colspan: 5 }, form));
    tr.after(panel);
    trigger.setAttribute('aria-expanded', 'true');
    form.querySelector('textarea')!.focus();
    cancel.addEventListener('click', () => {
      closeChange();
      trigger.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(form, async () => {
        clearErrors(form);
        if (!reasonFits(form)) return;
        const done = await attempt(
          api.credentials[':credentialId'].$patch({ param: { credentialId: c.id }, json: { state: to, reason: text(form, 'reason') } }),
        );
        if (!done?.ok) return showErrors(form, await failureOf(done));
        await load();
        heading.focus();
        announce(m(VERBS[to].done, { name: c.name }));
      });
    });
  }

  function closeChange() {
    $('[data-certificates]').querySelector('tr[data-change]')?.remove();
    for (const b of $('[data-certificates]').querySelectorAll('[aria-expanded=true]')) b.setAttribute('aria-expanded', 'false');
  }

  // ---- issuing by hand
  const form = $<HTMLFormElement>('form[data-issue]');
  /** The cohort's members; those with a certificate already are shown but cannot be chosen. */
  function showMembers() {
    const list = members();
    const holders = new Set(certificates.map((c) => c.userId));
    const select = $<HTMLSelectElement>('[data-issue-members]', form);
    const chosen = select.value;
    select.replaceChildren(
      el('option', { value: '' }, m('chooseMember')),
      ...list.map((p) =>
        holders.has(p.id)
          ? el('option', { value: p.id, disabled: true }, m('hasOne', { name: p.name }))
          : el('option', { value: p.id, selected: p.id === chosen }, p.name),
      ),
    );
    form.hidden = list.length === 0;
    $('[data-issue-no-members]').hidden = list.length > 0;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      const userId = text(form, 'userId');
      if (!userId) return showErrors(form, { status: 400, code: 'invalid_request', message: '', details: [{ path: 'userId', message: m('memberError') }] });
      if (!reasonFits(form)) return;
      const name = members().find((p) => p.id === userId)?.name ?? '';
      const made = await attempt(api.cohorts[':cohortId'].credentials.$post({ param: { cohortId }, json: { userId, reason: text(form, 'reason') } }));
      // Not a member (any more), or one with a certificate already: the member chosen is at fault.
      if (!made?.ok) return showErrors(form, await failureOf(made), (f) => (f.status === 404 || f.status === 409 ? 'userId' : undefined));
      form.reset();
      await load();
      heading.focus();
      announce(m('issuedTo', { name }));
    });
  });

  return { load, showMembers };
}
