import { QUIZ_PASS_RATIO } from '#core/progress.ts';
import { record } from './outbox.ts';
import { fill } from './format.ts';

/** Checks answers in place (instant feedback), then records the attempt; the server re-grades. */
export function enhanceQuizzes() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-quiz]')) {
    const t = form.dataset;
    const result = form.querySelector<HTMLElement>('[data-quiz-result]')!;
    form.querySelector<HTMLButtonElement>('[data-enhanced]')!.hidden = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const fieldsets = [...form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')];
      const answers: Record<string, string> = {};
      let score = 0;
      for (const fieldset of fieldsets) {
        const chosen = fieldset.querySelector<HTMLInputElement>('input:checked');
        if (chosen) answers[fieldset.dataset.question!] = chosen.value;
      }
      if (Object.keys(answers).length < fieldsets.length) {
        result.textContent = t.tAnswerAll ?? '';
        return;
      }
      for (const fieldset of fieldsets) {
        const chosen = fieldset.querySelector<HTMLInputElement>('input:checked')!;
        const right = chosen.hasAttribute('data-correct');
        if (right) score += 1;
        // Show the feedback on the chosen option only (it says itself whether the choice was right).
        // Feedback items follow the options' order.
        const index = [...fieldset.querySelectorAll('input')].indexOf(chosen);
        for (const [n, item] of [...fieldset.querySelectorAll<HTMLLIElement>('.feedback li')].entries()) {
          item.hidden = n !== index;
          item.className = item.hidden ? '' : right ? 'chosen right' : 'chosen wrong';
        }
        fieldset.querySelector('details')!.open = true;
      }
      const passed = score >= Math.ceil(QUIZ_PASS_RATIO * fieldsets.length);
      result.textContent = `${fill(t.tScore, { score, total: fieldsets.length })} ${passed ? t.tPassed : t.tRetry}`;
      await record({ type: 'quiz.submitted', lessonId: t.quiz!, locale: t.locale!, answers, localPassed: passed });
      form.dispatchEvent(new CustomEvent('accord:progress', { bubbles: true }));
    });
  }
}
