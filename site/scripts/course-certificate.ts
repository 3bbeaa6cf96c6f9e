// The course page's "Certificate" box (site/components/certificates/CourseCertificate.astro): for a
// signed-in learner, each requirement met or still needed, and the certificate once earned (asking
// also issues it when it is due). Kept tiny: the course page has a byte budget.
import { api } from './api.ts';
import { verifyPageIn } from './credential-file.ts';
import { fill } from './format.ts';
import { rememberedUser } from './storage.ts';

/** An element with text and attributes (ui.ts's el would double this script's weight). */
function make(tag: string, attrs: Record<string, string>, ...children: Array<Node | string>) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

type Requirement = { kind: string; met: boolean; done?: number; total?: number; state?: string; required?: number; percent?: number | null };

export async function showCourseCertificate() {
  const box = document.querySelector<HTMLElement>('[data-course-certificate]');
  if (!box || !rememberedUser()) return;
  const s = JSON.parse(box.dataset.strings ?? '{}') as Record<string, string>;
  const t = (key: string, params: Record<string, string | number> = {}) => fill(s[key], params);
  const $ = (selector: string) => box.querySelector<HTMLElement>(selector)!;
  const locale = document.documentElement.lang;
  const percent = (n = 0) => new Intl.NumberFormat(locale, { style: 'percent' }).format(n / 100);
  const capstone: Record<string, string> = { submitted: 'capstoneSubmitted', changes_requested: 'capstoneChanges' };
  const describe = (r: Requirement) =>
    r.kind === 'lessons'
      ? t('lessons', { done: r.done ?? 0, total: r.total ?? 0 })
      : r.kind === 'capstone'
        ? t(r.met ? 'capstone' : (capstone[r.state ?? ''] ?? 'capstoneNone'))
        : r.kind === 'attendance'
          ? r.percent == null
            ? t('attendanceNone', { required: percent(r.required) })
            : t('attendance', { percent: percent(r.percent), required: percent(r.required) })
          : t('assessment');

  const response = await api.courses[':courseId'].certificate.$get({ param: { courseId: box.dataset.courseCertificate! } }).catch(() => null);
  // Signed out since (the session ended): the box keeps saying how a certificate is earned.
  if ((response?.status as number | undefined) === 401) return;
  $('[data-sign-in]').hidden = true;
  if (!response?.ok) {
    $('[data-certificate-status]').textContent = t('offline');
    return;
  }
  const { requirements, credential } = await response.json();
  const list = $('[data-requirements]');
  list.replaceChildren(
    ...requirements.map((r) =>
      make(
        'li',
        { class: r.met ? 'met' : 'missing', 'data-requirement': r.kind },
        make('span', { class: 'mark', 'aria-hidden': 'true' }, r.met ? '✓' : '–'),
        ' ',
        make('span', { class: 'sr' }, `${t(r.met ? 'met' : 'missing')} `),
        describe(r),
      ),
    ),
  );
  list.hidden = $('[data-lead]').hidden = false;
  $('[data-how]').hidden = true;
  if (credential) {
    const said = credential.state === 'active' ? t('earned') : t(credential.state);
    box.append(make('p', { 'data-earned': '' }, `${said} `, make('a', { href: verifyPageIn(credential.verifyUrl, locale) }, t('open'))));
  }
}
