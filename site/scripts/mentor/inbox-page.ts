// /{locale}/inbox/: notifications newest first, each told in words from its kind and data
// (times on the reader's own clock); mark one or all read. The header count follows.
import { api } from '../api.ts';
import { rememberedUser } from '../storage.ts';
import { setUnreadCount } from '../unread.ts';
import {
  $,
  $$,
  alertPage,
  announce,
  area,
  attempt,
  busy,
  courseName,
  el,
  failAction,
  failLoad,
  failureOf,
  formatInstant,
  nameZone,
  showGate,
  t,
} from './ui.ts';

interface Item {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The sentence for one notification, and where it leads. */
export function describe(item: Item, localeCode: string): { text: string; href?: string } {
  const d = item.data;
  const cohort = str(d.cohortName);
  // Meetings concern mentors too: theirs are on the mentoring page, a learner's on "my learning".
  const staff = rememberedUser()?.role === 'mentor';
  const mine = `/${localeCode}/${staff ? 'mentor' : 'my-learning'}/`;
  const group = str(d.groupId) ? `/${localeCode}/mentor/group/?id=${encodeURIComponent(str(d.groupId))}` : undefined;
  const when = str(d.startsAt) ? formatInstant(str(d.startsAt)) : '';
  switch (item.kind) {
    case 'cohort.added':
      return { text: t('inbox.cohortAdded', { cohort }), href: mine };
    case 'mentor.assigned':
      // The learner reads who their mentor is; the mentor reads that they have a new group.
      return str(d.mentorName) && d.role !== 'mentor'
        ? { text: t('inbox.mentorAssigned', { mentor: str(d.mentorName), cohort }), href: mine }
        : { text: t('inbox.mentorGroup', { cohort }), href: group ?? `/${localeCode}/mentor/` };
    case 'meeting.scheduled':
      // A weekly pattern made at once is one message: how many, and the first.
      if (Number(d.count) > 1 || !str(d.title)) {
        const first = str(d.firstStartsAt) ? formatInstant(str(d.firstStartsAt)) : when;
        return { text: t('inbox.meetingsScheduled', { count: Number(d.count) || 1, cohort, time: first }), href: mine };
      }
      return { text: t('inbox.meetingScheduled', { title: str(d.title), time: when }), href: mine };
    case 'meeting.changed':
      return d.cancelled
        ? { text: t('inbox.meetingCancelled', { title: str(d.title), time: when }), href: mine }
        : { text: t('inbox.meetingChanged', { title: str(d.title), time: when }), href: mine };
    case 'capstone.reviewed':
      return { text: t(d.decision === 'approved' ? 'inbox.capstoneApproved' : 'inbox.capstoneChanges', { cohort }), href: mine };
    case 'credential.issued':
    case 'credential.changed': {
      // A certificate leads to its verification page, in the reader's language.
      const course = courseName(str(d.courseId)).textContent ?? '';
      const page = /^[0-9a-f]{32}$/.test(str(d.credentialId)) ? `/${localeCode}/verify/${str(d.credentialId)}/` : `/${localeCode}/my-learning/`;
      if (item.kind === 'credential.issued') return { text: t('certificates.inbox.issued', { course }), href: page };
      const change = d.state === 'revoked' ? 'revoked' : d.state === 'suspended' ? 'suspended' : 'reinstated';
      return { text: t(`certificates.inbox.${change}`, { course, reason: str(d.reason) }), href: page };
    }
    default:
      return { text: t('inbox.other') };
  }
}

let unread = 0;

function paintSummary() {
  $('[data-unread-summary]').textContent = unread ? t('inbox.unread', { count: unread }) : t('inbox.allRead');
  $('[data-read-all]').hidden = unread === 0;
  setUnreadCount(unread);
}

function markShownRead(li: HTMLElement) {
  li.classList.remove('unread');
  li.querySelector('[data-new]')?.remove();
  li.querySelector('[data-read]')?.remove();
}

function render(item: Item, localeCode: string) {
  const { text, href } = describe(item, localeCode);
  const li = el(
    'li',
    { class: `card${item.readAt ? '' : ' unread'}`, 'data-id': item.id },
    el('p', {}, !item.readAt && el('span', { class: 'badge', 'data-new': true }, `${t('inbox.new')} `), text),
    el('p', { class: 'meta' }, t('inbox.received', { time: formatInstant(item.createdAt) })),
  );
  const actions = el('div', { class: 'actions' });
  if (href) actions.append(el('a', { href }, t('inbox.open')));
  if (!item.readAt) {
    const button = el('button', { type: 'button', class: 'secondary small', 'data-read': true }, t('inbox.markRead'));
    button.addEventListener('click', () =>
      busy(button, async () => {
        const response = await attempt(api.notifications.read.$post({ json: { ids: [item.id] } }));
        if (!response?.ok) return failAction(await failureOf(response));
        markShownRead(li);
        unread = Math.max(0, unread - 1);
        paintSummary();
        announce(t('inbox.markedRead'));
        li.querySelector<HTMLElement>('a')?.focus();
      }),
    );
    actions.append(button);
  }
  li.append(actions);
  return li;
}

export async function showInbox() {
  area();
  const localeCode = document.documentElement.lang;
  const response = await attempt(api.notifications.$get({ query: {} }));
  if (!response?.ok) return failLoad(await failureOf(response));
  const data = await response.json();
  unread = data.unread;
  const items = data.notifications as Item[];
  $('[data-list]').replaceChildren(...items.map((n) => render(n, localeCode)));
  $('[data-empty]').hidden = items.length > 0;
  $('[data-list]').hidden = items.length === 0;
  if (items.length) nameZone();
  paintSummary();
  showGate('ready');

  const all = $<HTMLButtonElement>('[data-read-all]');
  all.addEventListener('click', () =>
    busy(all, async () => {
      alertPage('');
      const done = await attempt(api.notifications.read.$post({ json: {} }));
      if (!done?.ok) return failAction(await failureOf(done));
      for (const li of $$('li.unread')) markShownRead(li);
      unread = 0;
      paintSummary();
      announce(t('inbox.markedRead'));
      // The button is gone: focus goes to the summary that now says all is read.
      $('[data-unread-summary]').focus();
    }),
  );
}
