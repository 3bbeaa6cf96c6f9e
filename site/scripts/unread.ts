// The unread count beside "Inbox" in the header. Asked of the server at most every two minutes per
// tab (kept in sessionStorage), so moving between pages on a slow connection costs no requests.
import { api } from './api.ts';
import { fill } from './format.ts';

const KEY = 'accord.unread';
const FRESH_MS = 120_000;

function paint(count: number) {
  const el = document.querySelector<HTMLElement>('[data-unread]');
  if (!el) return;
  el.hidden = count === 0;
  el.textContent = count > 0 ? `(${fill(el.dataset.label, { count })})` : '';
}

/** How many of the signed-in user's notifications are unread, asked of the server (one small request); null when signed out or offline. */
export async function unreadCount(): Promise<number | null> {
  try {
    const response = await api.notifications.$get({ query: { limit: '1' } });
    if (!response.ok) return null;
    return (await response.json()).unread;
  } catch {
    return null;
  }
}

export async function showUnreadCount(force = false): Promise<void> {
  try {
    const cached = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { at: number; count: number } | null;
    if (cached && !force && Date.now() - cached.at < FRESH_MS) return paint(cached.count);
    const unread = await unreadCount();
    if (unread !== null) setUnreadCount(unread);
  } catch {
    /* offline, or no session storage: keep whatever is shown */
  }
}

/** After the inbox marks things read: show the new count now. */
export function setUnreadCount(count: number) {
  sessionStorage.setItem(KEY, JSON.stringify({ at: Date.now(), count }));
  paint(count);
}
