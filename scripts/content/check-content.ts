// npm run check:content — the curriculum's teaching rules (docs/content-guide.md), with a summary.
import { loadCurriculum } from './load.ts';
import { checkCurriculum } from './check.ts';

const curriculum = loadCurriculum('content');
const { problems, summary } = checkCurriculum(curriculum);

console.log('course                    locale  lessons   words  quiz  assessment  references');
for (const s of summary) {
  console.log(
    `${s.course.padEnd(25)} ${s.locale.padEnd(6)} ${String(s.lessons).padStart(7)} ${String(s.words).padStart(7)} ${String(s.quizQuestions).padStart(5)} ${String(s.assessmentQuestions).padStart(11)} ${String(s.references).padStart(11)}`,
  );
}
const glossary = [...curriculum.glossary].map(([locale, terms]) => `${locale} ${terms.length}`).join(', ');
console.log(`glossary terms: ${glossary || 'none'}`);
if (problems.length) {
  console.error(`\n${problems.length} content problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('content check: all rules pass');
