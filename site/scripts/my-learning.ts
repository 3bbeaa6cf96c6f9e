import { fill } from './format.ts';
import type { RememberedUser } from '#core/user.ts';
import { api } from './api.ts';
import { showMyCohorts } from './cohort.ts';
import { showMyCertificates } from './my-certificates.ts';
import { completedLessons, rememberServerState, serverState, sync } from './outbox.ts';
import { rememberedUser, rememberUser } from './storage.ts';

/** Fills "my learning" from the server (when reachable) merged with what is on this device. */
export async function showMyLearning() {
  const root = document.querySelector<HTMLElement>('[data-my-learning]');
  if (!root) return;
  const t = root.dataset;
  const welcome = root.querySelector<HTMLElement>('[data-welcome]')!;

  let user: RememberedUser | null = null;
  try {
    user = (await (await api.auth.me.$get()).json()).user;
    rememberUser(user);
  } catch {
    // Offline: trust the last known sign-in and the cached progress.
    user = rememberedUser();
  }
  if (!user) {
    welcome.hidden = true;
    root.querySelector<HTMLElement>('[data-signed-out-msg]')!.hidden = false;
    return;
  }
  welcome.textContent = fill(t.tWelcome, { name: user.name });
  // My cohorts and certificates load beside the progress (they need the network; offline their sections stay hidden).
  void showMyCohorts();
  void showMyCertificates();

  await sync();
  try {
    const response = await api.progress.$get();
    if (response.ok) rememberServerState((await response.json()).lessons);
  } catch {
    /* offline: cached state below */
  }
  const done = await completedLessons();
  const scores = serverState();
  let any = false;
  for (const section of root.querySelectorAll<HTMLElement>('[data-course]')) {
    let count = 0;
    for (const li of section.querySelectorAll<HTMLElement>('[data-lesson]')) {
      const id = li.dataset.lesson!;
      const complete = done.has(id);
      li.classList.toggle('done', complete);
      if (complete) count += 1;
      const s = scores[id];
      if (s?.bestScore != null && s.maxScore) {
        li.querySelector<HTMLElement>('[data-score]')!.textContent = fill(t.tBest, { score: s.bestScore, total: s.maxScore });
      }
    }
    const counter = section.querySelector<HTMLElement>('[data-count]')!;
    counter.textContent = fill(t.tProgress, { done: count, total: counter.dataset.total ?? '0' });
    section.hidden = count === 0;
    any ||= count > 0;
  }
  root.querySelector<HTMLElement>('[data-empty]')!.hidden = any;
}
