// The course page's "Certificate" box (site/components/certificates/CourseCertificate.astro): for a
// signed-in learner, each requirement met or still needed, and the certificate once earned (asking
// also issues it when it is due). Kept tiny: the course page has a byte budget.
import { api } from './api.ts';
import { verifyPageIn } from './credential-file.ts';
import { fill } from './format.ts';
import { rememberedUser } from './storage.ts';
import { make, requirementItems } from './certificate-requirements.ts';

export async function showCourseCertificate() {
  const box = document.querySelector<HTMLElement>('[data-course-certificate]');
  if (!box || !rememberedUser()) return;
  const s = JSON.parse(box.dataset.strings ?? '{}') as Record<string, string>;
  const t = (key: string, params: Record<string, string | number> = {}) => fill(s[key], params);
  const $ = (selector: string) => box.querySelector<HTMLElement>(selector)!;
  const locale = document.documentElement.lang;
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
  list.replaceChildren(...requirementItems(requirements, s, locale));
  list.hidden = $('[data-lead]').hidden = false;
  $('[data-how]').hidden = true;
  if (credential) {
    const said = credential.state === 'active' ? t('earned') : t(credential.state);
    box.append(make('p', { 'data-earned': '' }, `${said} `, make('a', { href: verifyPageIn(credential.verifyUrl, locale) }, t('open'))));
  }
}
