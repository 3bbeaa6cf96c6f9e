import enBase from './translations/en.json';
import frBase from './translations/fr.json';
import arBase from './translations/ar.json';
import esBase from './translations/es.json';
import ptBase from './translations/pt.json';
import swBase from './translations/sw.json';
// Strings of the cohort products live in areas of their own (manager pages, mentor and learner pages).
import enManage from './areas/manage/en.json';
import frManage from './areas/manage/fr.json';
import arManage from './areas/manage/ar.json';
import esManage from './areas/manage/es.json';
import ptManage from './areas/manage/pt.json';
import swManage from './areas/manage/sw.json';
import enProfile from './areas/profile/en.json';
import frProfile from './areas/profile/fr.json';
import arProfile from './areas/profile/ar.json';
import esProfile from './areas/profile/es.json';
import ptProfile from './areas/profile/pt.json';
import swProfile from './areas/profile/sw.json';
import enAdmin from './areas/admin/en.json';
import frAdmin from './areas/admin/fr.json';
import arAdmin from './areas/admin/ar.json';
import esAdmin from './areas/admin/es.json';
import ptAdmin from './areas/admin/pt.json';
import swAdmin from './areas/admin/sw.json';
import enMentor from './areas/mentor/en.json';
import frMentor from './areas/mentor/fr.json';
import arMentor from './areas/mentor/ar.json';
import esMentor from './areas/mentor/es.json';
import ptMentor from './areas/mentor/pt.json';
import swMentor from './areas/mentor/sw.json';
import enMatching from './areas/matching/en.json';
import frMatching from './areas/matching/fr.json';
import arMatching from './areas/matching/ar.json';
import esMatching from './areas/matching/es.json';
import ptMatching from './areas/matching/pt.json';
import swMatching from './areas/matching/sw.json';
import enVerify from './areas/verify/en.json';
import frVerify from './areas/verify/fr.json';
import arVerify from './areas/verify/ar.json';
import esVerify from './areas/verify/es.json';
import ptVerify from './areas/verify/pt.json';
import swVerify from './areas/verify/sw.json';
import enCertificates from './areas/certificates/en.json';
import frCertificates from './areas/certificates/fr.json';
import arCertificates from './areas/certificates/ar.json';
import esCertificates from './areas/certificates/es.json';
import ptCertificates from './areas/certificates/pt.json';
import swCertificates from './areas/certificates/sw.json';
import { DEFAULT_LOCALE, getLocale } from './locales.ts';
import { formatMessage, serializeMessage, type Message } from './format.ts';

/**
 * UI strings: flat dotted keys, English is the reference. A key missing in a translation falls
 * back to English (the i18n test fails the build before that can ship).
 */
const en = { ...enBase, ...enManage, ...enMentor, ...enProfile, ...enAdmin, ...enMatching, ...enVerify, ...enCertificates };
export type UiKey = keyof typeof en;
export const TRANSLATIONS: Record<string, Partial<Record<UiKey, Message>>> = {
  en,
  fr: { ...frBase, ...frManage, ...frMentor, ...frProfile, ...frAdmin, ...frMatching, ...frVerify, ...frCertificates },
  es: { ...esBase, ...esManage, ...esMentor, ...esProfile, ...esAdmin, ...esMatching, ...esVerify, ...esCertificates },
  ar: { ...arBase, ...arManage, ...arMentor, ...arProfile, ...arAdmin, ...arMatching, ...arVerify, ...arCertificates },
  pt: { ...ptBase, ...ptManage, ...ptMentor, ...ptProfile, ...ptAdmin, ...ptMatching, ...ptVerify, ...ptCertificates },
  sw: { ...swBase, ...swManage, ...swMentor, ...swProfile, ...swAdmin, ...swMatching, ...swVerify, ...swCertificates },
};

export function useTranslations(locale: string) {
  const strings = TRANSLATIONS[locale] ?? {};
  const fallback = TRANSLATIONS[DEFAULT_LOCALE] as Record<UiKey, Message>;
  const message = (key: UiKey): Message => strings[key] ?? fallback[key];
  function t(key: UiKey, params: Record<string, string | number> = {}): string {
    return formatMessage(message(key), params, strings[key] ? locale : DEFAULT_LOCALE, getLocale(locale).dir);
  }
  /** The unformatted message, for the browser to format with live numbers (see scripts/format.ts). */
  t.raw = (key: UiKey): string => serializeMessage(message(key));
  return t;
}

export function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(isoDate));
}
