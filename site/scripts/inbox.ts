// The inbox's unread count, for the header (site/scripts/shell.ts) or anyone else: one small request.
import { api } from './api.ts';

/** How many of the signed-in user's notifications are unread; null when signed out or offline. */
export async function unreadCount(): Promise<number | null> {
  try {
    const response = await api.notifications.$get({ query: { limit: '1' } });
    if (!response.ok) return null;
    return (await response.json()).unread;
  } catch {
    return null;
  }
}
