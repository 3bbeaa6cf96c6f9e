/**
 * The certificate's criteria, in the language it is issued in: what the holder did to earn it.
 * Said once per locale here because the credential is signed text (no client renders it later).
 */
interface CriteriaFacts {
  lessons: number;
  passPercent: number | null;
  /** Set when the certificate was earned in a cohort. */
  cohort: { capstone: boolean; attendancePercent: number } | null;
  /** Issued by a manager for a programme completed outside Accord. */
  byHand: boolean;
}

type Phrases = {
  lessons: (n: number) => string;
  pass: (p: number) => string;
  capstone: string;
  attendance: (p: number) => string;
  byHand: string;
  join: (parts: string[]) => string;
};

const list = (and: string) => (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}`);

const PHRASES: Record<string, Phrases> = {
  en: {
    lessons: (n) => `completed all ${n} lessons`,
    pass: (p) => `passed the final assessment (pass mark ${p}%)`,
    capstone: 'had the capstone project approved by a mentor',
    attendance: (p) => `attended at least ${p}% of the recorded cohort sessions`,
    byHand: 'Issued by a programme manager for a programme completed outside Accord.',
    join: list('and'),
  },
  fr: {
    lessons: (n) => `a terminé les ${n} leçons`,
    pass: (p) => `a réussi l'évaluation finale (seuil de réussite : ${p} %)`,
    capstone: 'a fait approuver son projet final par un mentor',
    attendance: (p) => `a assisté à au moins ${p} % des séances enregistrées de sa cohorte`,
    byHand: 'Délivré par un responsable de programme pour un programme suivi en dehors d’Accord.',
    join: list('et'),
  },
  es: {
    lessons: (n) => `completó las ${n} lecciones`,
    pass: (p) => `aprobó la evaluación final (nota mínima: ${p} %)`,
    capstone: 'obtuvo la aprobación de su proyecto final por parte de un mentor',
    attendance: (p) => `asistió al menos al ${p} % de las sesiones registradas de su cohorte`,
    byHand: 'Emitido por un responsable de programa para un programa realizado fuera de Accord.',
    join: list('y'),
  },
  ar: {
    lessons: (n) => `أتمّ جميع الدروس (${n})`,
    pass: (p) => `نجح في التقييم النهائي (درجة النجاح ${p}%)`,
    capstone: 'حصل على موافقة مرشد على مشروعه الختامي',
    attendance: (p) => `حضر ما لا يقل عن ${p}% من جلسات الفوج المسجّلة`,
    byHand: 'أصدره مدير برنامج لبرنامج أُنجز خارج منصة Accord.',
    join: (parts) => parts.join('، و'),
  },
  pt: {
    lessons: (n) => `concluiu as ${n} lições`,
    pass: (p) => `obteve aprovação na avaliação final (nota mínima: ${p}%)`,
    capstone: 'teve o projeto final aprovado por um mentor',
    attendance: (p) => `esteve presente em pelo menos ${p}% das sessões registadas da sua turma`,
    byHand: 'Emitido por um gestor de programa para um programa concluído fora da Accord.',
    join: list('e'),
  },
  sw: {
    lessons: (n) => `amekamilisha masomo yote ${n}`,
    pass: (p) => `amefaulu tathmini ya mwisho (alama ya kufaulu ${p}%)`,
    capstone: 'mradi wake wa mwisho umeidhinishwa na mshauri',
    attendance: (p) => `amehudhuria angalau ${p}% ya vikao vilivyorekodiwa vya kundi lake`,
    byHand: 'Imetolewa na msimamizi wa programu kwa programu iliyokamilishwa nje ya Accord.',
    join: list('na'),
  },
};

export function criteriaNarrative(locale: string, facts: CriteriaFacts): string {
  const p = PHRASES[locale] ?? PHRASES.en!;
  if (facts.byHand) return p.byHand;
  const parts = [p.lessons(facts.lessons)];
  if (facts.passPercent !== null) parts.push(p.pass(facts.passPercent));
  if (facts.cohort?.capstone) parts.push(p.capstone);
  if (facts.cohort) parts.push(p.attendance(facts.cohort.attendancePercent));
  const sentence = p.join(parts);
  return `${sentence.charAt(0).toLocaleUpperCase(locale)}${sentence.slice(1)}.`;
}
