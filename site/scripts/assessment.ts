// Renders the final assessment from the API, posts the answers, shows the graded result.
import type { ErrorBody } from '#core/errors.ts';
import { api } from './api.ts';
import { fill } from './format.ts';
interface Choice {
  id: string;
  text: string;
}
type Question =
  | { id: string; type: 'single' | 'multiple' | 'ordering'; prompt: string; options: Choice[] }
  | { id: string; type: 'matching'; prompt: string; left: Choice[]; right: Choice[] };
interface Bank {
  passMark: number;
  attempt: number;
  attemptsPerDay: number;
  attemptsLeft: number;
  locale: string;
  questions: Question[];
}
interface Graded {
  score: number;
  maxScore: number;
  passed: boolean;
  passMark: number;
  attemptsLeft: number;
  topics: Array<{ lesson: number; asked: number; correct: number }>;
  /** Explanations come only with a pass: after a failure they would be the next attempt's key. */
  review: Array<{ id: string; correct: boolean; explanation: string }> | null;
}
interface LessonLink {
  n: number;
  title: string;
  lang: string;
  href: string;
}

function el<T extends HTMLElement = HTMLElement>(tag: string, props: Record<string, unknown> = {}, ...children: Array<Node | string>): T {
  const node = Object.assign(document.createElement(tag), props) as T;
  node.append(...children);
  return node;
}

function select(label: string, name: string, options: Array<[string, string]>, placeholder: string) {
  const id = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  const sel = el<HTMLSelectElement>('select', { id, name, required: true });
  sel.append(el('option', { value: '' }, placeholder), ...options.map(([value, text]) => el('option', { value }, text)));
  return el('p', {}, el('label', { htmlFor: id }, label), sel);
}

function renderQuestion(q: Question, index: number, s: Record<string, string>) {
  const fieldset = el<HTMLFieldSetElement>('fieldset', {}, el('legend', {}, `${index + 1}. ${q.prompt}`));
  fieldset.dataset.question = q.id;
  fieldset.dataset.type = q.type;
  if (q.type === 'single' || q.type === 'multiple') {
    if (q.type === 'multiple') fieldset.append(el('p', { className: 'hint' }, s.chooseAll!));
    for (const o of q.options) {
      const input = el('input', { type: q.type === 'single' ? 'radio' : 'checkbox', name: q.id, value: o.id });
      fieldset.append(el('label', { className: 'option' }, input, el('span', {}, o.text)));
    }
  } else if (q.type === 'ordering') {
    const positions = q.options.map((_, i): [string, string] => [String(i + 1), String(i + 1)]);
    for (const o of q.options) fieldset.append(select(fill(s.position, { item: o.text }), `${q.id}:${o.id}`, positions, s.choose!));
  } else if (q.type === 'matching') {
    const rights = q.right.map((r): [string, string] => [r.id, r.text]);
    for (const l of q.left) fieldset.append(select(fill(s.match, { item: l.text }), `${q.id}:${l.id}`, rights, s.choose!));
  }
  fieldset.append(el('div', { className: 'feedback' }));
  return fieldset;
}

/** Right answers per lesson, weakest first, each lesson not fully right linked for revision. */
function topicFeedback(topics: Graded['topics'], lessons: LessonLink[], s: Record<string, string>) {
  const list = el('ul', { className: 'topics' });
  for (const topic of [...topics].sort((a, b) => a.correct / a.asked - b.correct / b.asked || a.lesson - b.lesson)) {
    const lesson = lessons.find((l) => l.n === topic.lesson);
    const title = el('span', lesson ? { lang: lesson.lang } : {}, lesson?.title ?? String(topic.lesson));
    const item = el('li', {}, el('strong', {}, title), ` · ${fill(s.topic, { correct: topic.correct, asked: topic.asked })}`);
    if (lesson && topic.correct < topic.asked) item.append(' · ', el('a', { href: lesson.href }, s.revisit!));
    list.append(item);
  }
  return el('section', { className: 'topic-feedback' }, el('h2', {}, s.byLesson!), list);
}

function collect(form: HTMLFormElement): Record<string, unknown> | null {
  const answers: Record<string, unknown> = {};
  for (const fs of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')) {
    const id = fs.dataset.question!;
    const type = fs.dataset.type;
    if (type === 'single') {
      const chosen = fs.querySelector<HTMLInputElement>('input:checked');
      if (!chosen) return null;
      answers[id] = chosen.value;
    } else if (type === 'multiple') {
      const chosen = [...fs.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
      if (!chosen.length) return null;
      answers[id] = chosen;
    } else {
      const selects = [...fs.querySelectorAll('select')];
      if (selects.some((sel) => !sel.value)) return null;
      if (type === 'ordering') {
        answers[id] = selects.sort((a, b) => Number(a.value) - Number(b.value)).map((sel) => sel.name.split(':')[1]!);
      } else {
        answers[id] = Object.fromEntries(selects.map((sel) => [sel.name.split(':')[1]!, sel.value]));
      }
    }
  }
  return answers;
}

export async function runAssessment() {
  const root = document.querySelector<HTMLElement>('[data-assessment]');
  if (!root) return;
  const s = JSON.parse(root.dataset.strings!) as Record<string, string>;
  const message = root.querySelector<HTMLElement>('[data-message]')!;
  const courseId = root.dataset.assessment!;
  const lessons = JSON.parse(root.dataset.lessons ?? '[]') as LessonLink[];
  const assessment = api.courses[':courseId'].assessment;

  let bank: Bank;
  try {
    const response = await assessment.$get({ param: { courseId }, query: { locale: root.dataset.locale } });
    if ((response.status as number) === 401) {
      message.replaceChildren(el('a', { href: root.dataset.signIn! }, s.signIn!));
      return;
    }
    if (!response.ok) throw new Error(String(response.status));
    bank = (await response.json()) as unknown as Bank;
  } catch {
    message.textContent = s.offline!;
    return;
  }
  message.textContent = `${fill(s.rules, { percent: Math.round(bank.passMark * 100), attempts: bank.attemptsPerDay })} ${fill(s.attemptsLeft, { count: bank.attemptsLeft })}`;
  if (bank.attemptsLeft <= 0) {
    message.textContent = s.none!;
    return;
  }
  const form = el<HTMLFormElement>('form', { noValidate: true });
  for (const [i, q] of bank.questions.entries()) form.append(renderQuestion(q, i, s));
  const status = el('p', { role: 'alert' });
  const submit = el<HTMLButtonElement>('button', { type: 'submit' }, s.submit!);
  form.append(status, submit);
  root.append(form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers = collect(form);
    if (!answers) {
      status.textContent = s.answerAll!;
      return;
    }
    submit.disabled = true;
    try {
      const response = await assessment.attempts.$post({
        param: { courseId },
        json: { locale: bank.locale, attempt: bank.attempt, answers: answers as Record<string, string | string[] | Record<string, string>> },
      });
      const body = (await response.json()) as unknown as Graded & Partial<ErrorBody>;
      if (!response.ok) {
        status.textContent = body.error?.message ?? s.offline!;
        submit.disabled = false;
        return;
      }
      const needed = Math.ceil(body.passMark * body.maxScore);
      status.textContent = body.passed
        ? fill(s.passed, { score: body.score, total: body.maxScore })
        : fill(s.failed, { score: body.score, total: body.maxScore, needed });
      status.className = body.passed ? 'ok' : 'error';
      for (const r of body.review ?? []) {
        const box = form.querySelector<HTMLElement>(`fieldset[data-question="${r.id}"] .feedback`)!;
        box.replaceChildren(el('strong', { className: r.correct ? 'ok' : 'error' }, `${r.correct ? s.right : s.wrong}. `), r.explanation);
      }
      for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) input.disabled = true;
      submit.hidden = true;
      const after = [topicFeedback(body.topics, lessons, s)];
      if (!body.review) after.push(el('p', { className: 'hint' }, s.explainLater!));
      if (!body.passed && body.attemptsLeft > 0) {
        const again = el<HTMLButtonElement>('button', { type: 'button' }, s.next!);
        again.addEventListener('click', () => location.reload());
        after.push(el('p', {}, again));
      }
      status.after(...after);
    } catch {
      status.textContent = s.offline!;
      submit.disabled = false;
    }
  });
}
