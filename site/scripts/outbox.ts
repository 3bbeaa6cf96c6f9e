/**
 * Local-first progress. Every event is written to IndexedDB first (with an id made here), then
 * synced to the API in batches with retry and backoff. The server ingests idempotently, so a
 * retried batch can never create duplicates, and nothing is deleted locally until acknowledged.
 */
import { MAX_EVENTS_PER_BATCH, type LessonState, type ProgressEvent } from '#core/progress.ts';
import { api } from './api.ts';
import { readProgressCache, rememberedUser, rememberUser, writeProgressCache } from './storage.ts';

/** An event as the outbox keeps it: the shared event plus what only this device needs. */
export interface OutboxEvent extends ProgressEvent {
  /** Local only: whether the quiz passed by the browser's own grading, until the server's arrives. */
  localPassed?: boolean;
  /** Local only: who recorded it (null while signed out; adopted at the next sign-in). */
  userId: string | null;
  synced: 0 | 1;
}

export type ServerLessonState = Pick<LessonState, 'lessonId' | 'completed' | 'bestScore' | 'maxScore'>;

export type SyncState = 'idle' | 'saved' | 'syncing' | 'synced' | 'offline' | 'signed-out';

const DB_NAME = 'accord';
const STORE = 'events';
let dbPromise: Promise<IDBDatabase> | undefined;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return dbPromise;
}

function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T | undefined> {
  return openDb().then(
    (db) =>
      new Promise((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = run(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request ? request.result : undefined);
        transaction.onerror = () => reject(transaction.error);
      }),
  );
}

export const allEvents = async () => ((await tx('readonly', (s) => s.getAll())) ?? []) as OutboxEvent[];

export const currentUserId = (): string | null => rememberedUser()?.id ?? null;

const listeners = new Set<(state: SyncState) => void>();
export const onSyncState = (listener: (state: SyncState) => void) => listeners.add(listener);
const announce = (state: SyncState) => {
  for (const l of listeners) l(state);
};

export async function record(event: Omit<OutboxEvent, 'id' | 'occurredAt' | 'userId' | 'synced'>) {
  const full: OutboxEvent = { ...event, id: crypto.randomUUID(), occurredAt: new Date().toISOString(), userId: currentUserId(), synced: 0 };
  await tx('readwrite', (s) => s.put(full));
  announce('saved');
  void sync();
  return full;
}

let syncing = false;
let retryDelay = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleRetry() {
  retryDelay = Math.min(retryDelay ? retryDelay * 2 : 2000, 5 * 60_000);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void sync(), retryDelay * (0.75 + Math.random() / 2));
}

/** Sends what is waiting, oldest first. Safe to call any time; concurrent calls coalesce. */
export async function sync(): Promise<SyncState> {
  if (syncing) return 'syncing';
  const userId = currentUserId();
  if (!userId) {
    const waiting = (await allEvents()).some((e) => !e.synced);
    announce(waiting ? 'signed-out' : 'idle');
    return 'signed-out';
  }
  syncing = true;
  try {
    for (;;) {
      const pending = (await allEvents())
        .filter((e) => !e.synced && (e.userId === userId || e.userId === null))
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
        .slice(0, MAX_EVENTS_PER_BATCH);
      if (!pending.length) break;
      announce('syncing');
      const response = await api.progress.events.$post({
        json: { events: pending.map(({ id, type, lessonId, locale, occurredAt, answers }) => ({ id, type, lessonId, locale, occurredAt, answers })) },
      });
      if ((response.status as number) === 401) {
        rememberUser(null);
        announce('signed-out');
        return 'signed-out';
      }
      if ((response.status as number) === 422) {
        // Lessons removed from the curriculum: keep the events locally, but stop sending them.
        const body = (await response.json()) as { error?: { details?: { unknownLessons?: Array<{ id: string }>; missingAnswers?: string[] } } };
        const bad = new Set([...(body.error?.details?.unknownLessons ?? []).map((u) => u.id), ...(body.error?.details?.missingAnswers ?? [])]);
        if (!bad.size) throw new Error('unexpected 422');
        await markSynced(pending.filter((e) => bad.has(e.id)));
        continue;
      }
      if (!response.ok) throw new Error(`sync failed: ${response.status}`);
      const result = (await response.json()) as { lessons: ServerLessonState[] };
      await markSynced(pending);
      rememberServerState(result.lessons);
    }
    retryDelay = 0;
    announce('synced');
    return 'synced';
  } catch {
    announce('offline');
    scheduleRetry();
    return 'offline';
  } finally {
    syncing = false;
  }
}

async function markSynced(events: OutboxEvent[]) {
  await tx('readwrite', (s) => {
    for (const e of events) s.put({ ...e, synced: 1 });
  });
}

/** The server's view, cached so pages can show it offline. */
export function rememberServerState(lessons: ServerLessonState[]) {
  const cached = serverState();
  for (const l of lessons) cached[l.lessonId] = l;
  writeProgressCache(cached);
}

export const serverState = () => readProgressCache<ServerLessonState>();

/** Lessons complete by either the server's record or events still on this device. */
export async function completedLessons(): Promise<Set<string>> {
  const done = new Set(
    Object.values(serverState())
      .filter((l) => l.completed)
      .map((l) => l.lessonId),
  );
  const userId = currentUserId();
  for (const e of await allEvents()) {
    if (e.userId !== null && e.userId !== userId) continue;
    if (e.type === 'lesson.completed' || e.localPassed) done.add(e.lessonId);
  }
  return done;
}

export function startBackgroundSync() {
  addEventListener('online', () => {
    retryDelay = 0;
    void sync();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sync();
  });
  void sync();
}
