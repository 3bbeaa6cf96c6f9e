import { completedLessons, record } from './outbox.ts';

/** The "mark complete" control: shows the state from this device and the server's cache. */
export function enhanceLessonActions() {
  const box = document.querySelector<HTMLElement>('[data-lesson-actions]');
  if (!box) return;
  const lessonId = box.dataset.lessonActions!;
  const button = box.querySelector<HTMLButtonElement>('[data-complete]')!;
  const done = box.querySelector<HTMLElement>('[data-done]')!;

  const refresh = async () => {
    const complete = (await completedLessons()).has(lessonId);
    button.hidden = complete;
    done.hidden = !complete;
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    await record({ type: 'lesson.completed', lessonId, locale: box.dataset.locale! });
    button.disabled = false;
    await refresh();
  });
  document.addEventListener('accord:progress', () => void refresh());
  void refresh();
}
