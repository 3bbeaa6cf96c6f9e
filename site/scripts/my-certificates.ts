// "Certificates" on "my learning" (markup: site/components/certificates/MyCertificates.astro):
// the learner's certificates, newest first, each with its course in the page's language, its date
// and state; open its verification page (in this page's language), download its signed JSON, copy
// the link to share. Needs the network: offline the section stays hidden.
import { api } from './api.ts';
import { credentialFileName, saveJson, verifyPageIn } from './credential-file.ts';
import { fill } from './format.ts';
import { el } from './ui.ts';
import { requirementItems } from './certificate-requirements.ts';

export async function showMyCertificates() {
  const box = document.querySelector<HTMLElement>('[data-my-certificates]');
  if (!box) return;
  const strings = JSON.parse(box.dataset.strings ?? '{}') as Record<string, string>;
  const t = (key: string, params: Record<string, string | number> = {}) => fill(strings[`certificates.${key}`] ?? key, params);
  const courses = JSON.parse(box.dataset.courses ?? '{}') as Record<string, [title: string, lang: string]>;
  const locale = document.documentElement.lang;
  const status = box.querySelector<HTMLElement>('[data-certificates-status]')!;
  const say = (message: string) => {
    status.textContent = '';
    requestAnimationFrame(() => {
      status.textContent = message;
    });
  };

  const response = await api.my.credentials.$get().catch(() => null);
  if (!response?.ok) return;
  const { credentials } = await response.json();
  const issued = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });

  box.querySelector('[data-list]')!.replaceChildren(
    ...credentials.map((c) => {
      const [title, lang] = courses[c.courseId] ?? [c.courseId, locale];
      const headingId = `certificate-${c.id}`;
      const download = el('button', { type: 'button', class: 'secondary', 'aria-describedby': headingId }, t('my.download'));
      download.addEventListener('click', async () => {
        const file = await fetch(c.url, { credentials: 'omit' }).catch(() => null);
        if (!file?.ok) return say(t('my.downloadFailed'));
        saveJson(await file.text(), credentialFileName(c.url));
      });
      const copy = el('button', { type: 'button', class: 'secondary', 'aria-describedby': headingId }, t('my.copy'));
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(c.verifyUrl);
          say(t('my.copied'));
        } catch {
          // No clipboard here (plain http, an old browser): the link itself, to copy by hand.
          say(t('my.copyManual', { url: c.verifyUrl }));
        }
      });
      return el(
        'li',
        { 'data-credential': c.id },
        el('h3', { id: headingId, ...(lang === locale ? {} : { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' }) }, title),
        el(
          'p',
          { class: 'meta' },
          t('my.issued', { date: issued.format(new Date(c.issuedAt)) }),
          ' · ',
          el('strong', { class: `state-${c.state}` }, t(`state.${c.state}`)),
        ),
        el(
          'div',
          { class: 'actions' },
          el('a', { href: verifyPageIn(c.verifyUrl, locale), 'aria-describedby': headingId, 'data-open': true }, t('my.open')),
          download,
          copy,
        ),
      );
    }),
  );
  box.querySelector<HTMLElement>('[data-none]')!.hidden = credentials.length > 0;
  box.hidden = false;
  await showTowards(box, new Set(credentials.map((c) => c.courseId)), strings, courses, locale);
}

/** Each course begun but not yet certified, with what its certificate still needs. */
async function showTowards(
  box: HTMLElement,
  certified: Set<string>,
  strings: Record<string, string>,
  courses: Record<string, [string, string]>,
  locale: string,
) {
  const progress = await api.progress.$get().catch(() => null);
  if (!progress?.ok) return;
  const { lessons } = await progress.json();
  const begun = [...new Set(lessons.filter((l) => l.completed).map((l) => l.courseId))].filter((id) => !certified.has(id) && courses[id]);
  const course = Object.fromEntries(
    Object.entries(strings)
      .filter(([k]) => k.startsWith('certificates.course.'))
      .map(([k, v]) => [k.slice(20), v]),
  );
  const items = await Promise.all(
    begun.map(async (courseId) => {
      const answer = await api.courses[':courseId'].certificate.$get({ param: { courseId } }).catch(() => null);
      if (!answer?.ok) return null;
      const { requirements } = await answer.json();
      const [title, lang] = courses[courseId]!;
      return el(
        'li',
        { 'data-towards-course': courseId },
        el('h4', lang === locale ? {} : { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' }, title),
        el('ul', {}, ...requirementItems(requirements, course, locale)),
        el('a', { href: `/${locale}/courses/${courseId}/#certificate-title` }, strings['certificates.my.toCourse'] ?? ''),
      );
    }),
  );
  const shown = items.filter((i): i is HTMLLIElement => i !== null);
  box.querySelector('[data-towards-list]')!.replaceChildren(...shown);
  box.querySelector<HTMLElement>('[data-towards]')!.hidden = shown.length === 0;
}
