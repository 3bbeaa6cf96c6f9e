// Runs on every page: account link, sync status, background sync, service worker.
import { api } from './api.ts';
import { currentUserId, onSyncState, startBackgroundSync, type SyncState } from './outbox.ts';
import { forgetSignedInUser, rememberLocale, rememberedUser } from './storage.ts';
import { showUnreadCount } from './unread.ts';

const body = document.body.dataset;
const labels: Partial<Record<SyncState, string | undefined>> = {
  saved: body.tSaved,
  syncing: body.tSyncing,
  synced: body.tSynced,
  offline: body.tOffline,
  'signed-out': body.tSaved,
};

onSyncState((state) => {
  for (const el of document.querySelectorAll<HTMLElement>('[data-sync-status]')) el.textContent = labels[state] ?? '';
  for (const el of document.querySelectorAll<HTMLElement>('[data-signed-out]')) el.hidden = state !== 'signed-out';
});

const account = document.querySelector<HTMLAnchorElement>('[data-account]');
if (account && currentUserId()) {
  account.textContent = account.dataset.signedInLabel ?? account.textContent;
  account.addEventListener('click', async (event) => {
    event.preventDefault();
    await api.auth.logout.$post().catch(() => undefined);
    forgetSignedInUser();
    location.href = account.href;
  });
}

// Links for the signed-in user's role (programs for managers, mentoring for mentors, inbox, profile).
const role = currentUserId() ? rememberedUser()?.role : undefined;
for (const li of document.querySelectorAll<HTMLElement>('[data-for-roles]')) li.hidden = !role || !(li.dataset.forRoles ?? '').split(' ').includes(role);
if (role) void showUnreadCount();

// App pages name their object in the query (?id=…): switching language keeps it.
if (location.search) for (const a of document.querySelectorAll<HTMLAnchorElement>('.langs a')) if (a.pathname.length > 4) a.search = location.search;

rememberLocale(document.documentElement.lang);
startBackgroundSync();

// Every page the reader opens stays readable offline (see site/public/sw.js).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
