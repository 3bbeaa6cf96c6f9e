// A secret calendar subscription address (a cohort's, or all my meetings): make it, copy it
// (shown once), revoke it after a confirmation.
import { api } from '../api.ts';
import { announce, attempt, busy, confirmAction, el, failAction, failureOf, formatInstant, makeCopy, t } from './ui.ts';

export interface FeedInfo {
  id: string;
  createdAt: string;
}

interface Options {
  body: { kind: 'person' } | { kind: 'cohort'; cohortId: string };
  createLabel: string;
  addressLabel: string;
}

let serial = 0;

/** Fills `box` with the feed's state and controls. */
export function feedWidget(box: HTMLElement, options: Options, existing: FeedInfo | undefined) {
  const status = el('p', { class: 'saved', role: 'status' });
  const alert = el('p', { class: 'alert', role: 'alert' });

  function showNone() {
    const create = el('button', { type: 'button', class: 'secondary' }, options.createLabel);
    create.addEventListener('click', () =>
      busy(create, async () => {
        alert.textContent = '';
        const response = await attempt(api.calendar.feeds.$post({ json: options.body }));
        if (!response?.ok) return failAction(await failureOf(response), alert);
        const made = await response.json();
        showActive({ id: made.id, createdAt: new Date().toISOString() }, made.url);
      }),
    );
    box.replaceChildren(create, alert, status);
  }

  function showActive(feed: FeedInfo, url?: string) {
    const parts: Node[] = [el('p', {}, t('mentor.common.feedActive', { date: formatInstant(feed.createdAt) }))];
    if (url) {
      const id = `feed-url-${++serial}`;
      const input = el('input', { id, type: 'text', readonly: true, value: url, 'aria-describedby': `${id}-once`, 'data-feed-url': true });
      const copy = el('button', { type: 'button', class: 'secondary small' }, t('mentor.common.copy'));
      makeCopy(copy, input, status);
      parts.push(
        el('label', { for: id }, options.addressLabel),
        el('div', { class: 'copyable' }, input, copy),
        el('p', { class: 'hint', id: `${id}-once` }, t('mentor.common.feedOnce')),
      );
    }
    const revoke = el('button', { type: 'button', class: 'danger small' }, t('mentor.common.feedRevoke'));
    revoke.addEventListener('click', async () => {
      if (!(await confirmAction(t('mentor.common.feedConfirm'), t('mentor.common.feedRevoke')))) return;
      await busy(revoke, async () => {
        alert.textContent = '';
        const response = await attempt(api.calendar.feeds[':feedId'].$delete({ param: { feedId: feed.id } }));
        if (!response?.ok) return failAction(await failureOf(response), alert);
        showNone();
        announce(t('mentor.common.feedRevoked'), status);
        box.querySelector<HTMLElement>('button')?.focus();
      });
    });
    parts.push(el('div', { class: 'actions' }, revoke), alert, status);
    box.replaceChildren(...parts);
    // The button that made it is gone: focus goes to the address, ready to copy.
    const field = box.querySelector<HTMLInputElement>('[data-feed-url]');
    field?.focus();
    field?.select();
  }

  if (existing) showActive(existing);
  else showNone();
}

type FeedsAnswer = Awaited<ReturnType<typeof api.calendar.feeds.$get>>;

/** The widget for the reader's own feed of `options.body`, found in `feeds` (the answer to GET /api/calendar/feeds; null offline). */
export async function showFeed(box: HTMLElement, options: Options, feeds: FeedsAnswer | null) {
  const { body } = options;
  const existing = feeds?.ok
    ? (await feeds.json()).feeds.find((f) => f.kind === body.kind && (body.kind === 'person' || f.cohortId === body.cohortId))
    : undefined;
  feedWidget(box, options, existing);
}
