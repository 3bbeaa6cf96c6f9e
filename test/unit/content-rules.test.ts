import { describe, expect, it } from 'vitest';
import { countWords } from '../../scripts/content/check.ts';
import { tabletopProblems } from '../../scripts/content/tabletop.ts';
import { assessmentBank, lessonFrontmatter, tabletopExercise } from '#core/curriculum/schema.ts';
import { splitFrontmatter } from '../../scripts/content/load.ts';

/** A valid lesson frontmatter; tests change one field at a time. */
function lessonFixture(overrides: Record<string, unknown> = {}) {
  return {
    title: 'T',
    summary: 'S',
    minutes: 20,
    updated: '2026-11-01',
    reviewed: '2026-11-01',
    objectives: ['a', 'b'],
    discussion: ['x', 'y'],
    references: [{ id: 'r', title: 'R', publisher: 'P', year: 2024 }],
    quiz: Array.from({ length: 4 }, (_, i) => ({
      id: `q${i}`,
      prompt: 'p',
      options: [
        { id: 'a', text: 'A', correct: true, feedback: 'yes' },
        { id: 'b', text: 'B', feedback: 'no' },
      ],
    })),
    ...overrides,
  };
}

const today = new Date('2026-12-02T00:00:00Z');
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const body = (extra = '') =>
  `${words(950)} <CaseStudy domain="nuclear" title="t">x</CaseStudy> <RegionalLens region="africa" title="t">y</RegionalLens> ${extra}`;
/** A loaded English lesson with its facts file, as scripts/content/load.ts makes them. */
const lesson = (o: { reviewed?: string; body?: string; locale?: string; facts?: Array<{ claim: string; source: string; checked: string }> | null } = {}) => ({
  id: 'foundations/x',
  course: 'foundations' as const,
  slug: 'x',
  order: 1,
  locale: o.locale ?? 'en',
  file: `content/foundations/${o.locale ?? 'en'}/01-x.mdx`,
  body: o.body ?? body(),
  data: lessonFrontmatter.parse(
    lessonFixture({
      reviewed: o.reviewed ?? '2026-11-01',
      references: [
        { id: 'r1', title: 'R', publisher: 'P', year: 2024 },
        { id: 'r2', title: 'R2', publisher: 'P', year: 2025 },
      ],
    }),
  ),
  ...(o.facts === null
    ? {}
    : {
        facts: {
          file: 'content/foundations/en/01-x.facts.yaml',
          data: {
            facts: o.facts ?? [
              { claim: 'One', source: 'r1', checked: '2026-11-01' },
              { claim: 'Two', source: 'r2', checked: '2026-11-01' },
            ],
          },
        },
      }),
});
/** The check's problems for a course made of these lessons, without the whole-course rules. */
const problems = async (...lessons: Array<ReturnType<typeof lesson>>) => {
  const { checkCurriculum } = await import('../../scripts/content/check.ts');
  return checkCurriculum(
    {
      root: 'content',
      glossary: new Map(),
      problems: [],
      courses: [{ id: 'foundations', locale: lessons[0]!.locale, file: 'f', body: '', data: {} as never, lessons }],
    },
    { today },
  ).problems.filter((p) => !/lessons, needs|must be numbered|capstone|assessment|course missing|glossary/.test(p));
};

describe('word count', () => {
  it('counts prose, not tags, attributes or heading marks', () => {
    expect(countWords('## Heading here\n\nOne two three.\n\n<CaseStudy domain="nuclear" title="Not counted">\n\nFour five.\n\n</CaseStudy>')).toBe(7);
    expect(countWords("L'accord n'est pas signé — déjà 2025.")).toBe(6);
  });
});

describe('lesson frontmatter', () => {
  const base = lessonFixture();
  it('accepts a complete lesson', () => {
    expect(lessonFrontmatter.safeParse(base).success).toBe(true);
  });
  it('names the field when a quiz option lacks feedback', () => {
    const bad = structuredClone(base);
    delete (bad.quiz[1]!.options[1] as { feedback?: string }).feedback;
    const result = lessonFrontmatter.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain('quiz.1.options.1.feedback');
  });
  it('refuses a reference without a year and a question with two right answers', () => {
    const noYear = structuredClone(base);
    delete (noYear.references[0] as { year?: number }).year;
    expect(lessonFrontmatter.safeParse(noYear).success).toBe(false);
    const twoRight = structuredClone(base);
    twoRight.quiz[0]!.options[1]!.correct = true;
    expect(lessonFrontmatter.safeParse(twoRight).success).toBe(false);
  });
  it('parses YAML frontmatter off an MDX file', () => {
    expect(splitFrontmatter('---\ntitle: "A: B"\n---\nBody').frontmatter).toEqual({ title: 'A: B' });
  });
});

describe('tabletop exercise graph', () => {
  const node = (id: string, next: string[], ending = false) => ({
    id,
    title: id,
    inject: ending ? undefined : 'what happens',
    ending,
    debrief: ending ? 'lessons' : undefined,
    choices: next.map((n) => ({ text: `go ${n}`, next: n, consequence: 'c', quality: 'good' as const })),
  });
  const exercise = (nodes: ReturnType<typeof node>[]) => tabletopExercise.parse({ title: 'T', summary: 'S', role: 'R', start: 'a', nodes });

  it('accepts a playable scenario', () => {
    expect(tabletopProblems(exercise([node('a', ['b', 'c']), node('b', ['end']), node('c', ['end']), node('end', [], true)]))).toEqual([]);
  });
  it('finds broken links, unreachable nodes and loops with no way out', () => {
    const problems = tabletopProblems(exercise([node('a', ['b', 'ghost']), node('b', ['c']), node('c', ['b']), node('lost', ['end']), node('end', [], true)]));
    expect(problems).toEqual(
      expect.arrayContaining([
        'node "a": choice leads to unknown node "ghost"',
        'node "lost" cannot be reached from the start',
        'from node "b" no path reaches an ending',
      ]),
    );
  });
});

describe('case study and regional lens attributes', () => {
  it('name an unknown domain or region, and accept known ones', async () => {
    const bad = await problems(
      lesson({ body: `${words(950)} <CaseStudy domain="space" title="t">x</CaseStudy> <RegionalLens region="europe" title="t">y</RegionalLens>` }),
    );
    expect(bad.some((p) => p.includes('<CaseStudy domain="space">'))).toBe(true);
    expect(bad.some((p) => p.includes('<RegionalLens region="europe">'))).toBe(true);
    const good = await problems(lesson());
    expect(good.filter((p) => p.includes('domain=') || p.includes('region='))).toEqual([]);
  });
});

describe('review dates, checked facts, exercises and figures', () => {
  it('accepts a lesson reviewed within 12 months whose every reference backs a checked claim', async () => {
    expect(await problems(lesson())).toEqual([]);
  });
  it('fails a lesson reviewed more than 12 months before the build', async () => {
    expect((await problems(lesson({ reviewed: '2025-11-30' }))).join()).toMatch(/reviewed 2025-11-30, more than 12 months ago/);
  });
  it('fails a claim checked more than 12 months ago, a claim citing no reference, and a reference backing nothing', async () => {
    const found = (
      await problems(
        lesson({
          facts: [
            { claim: 'Old', source: 'r1', checked: '2025-01-01' },
            { claim: 'Lost', source: 'nope', checked: '2026-11-01' },
          ],
        }),
      )
    ).join('\n');
    expect(found).toMatch(/checked 2025-01-01/);
    expect(found).toMatch(/source "nope" is not a reference/);
    expect(found).toMatch(/reference "r2" backs no checked claim/);
  });
  it('requires the facts file beside an English lesson, and refuses one beside a translation', async () => {
    expect((await problems(lesson({ facts: null }))).join()).toMatch(/no 01-x\.facts\.yaml beside it/);
    expect((await problems(lesson({ locale: 'fr' }))).join()).toMatch(/facts files belong beside the default-locale lesson only/);
  });
  it('does not count a worksheet towards the word limit, and needs a source for every figure', async () => {
    const worksheet = `<Exercise title="w">${words(900)}</Exercise>`;
    expect(await problems(lesson({ body: body(worksheet) }))).toEqual([]);
    const figure = (await problems(lesson({ body: body('<Figure title="f">| a |\n|---|\n| 1 |</Figure> <Figure title="g" cite="zz">x</Figure>') }))).join('\n');
    expect(figure).toMatch(/every <Figure> needs cite=/);
    expect(figure).toMatch(/<Figure cite="zz"> names no reference/);
  });
  it('refuses a link to a lesson that does not exist, and accepts one that does', async () => {
    const found = (
      await problems(lesson({ body: body('See [the Act](/en/courses/foundations/no-such-lesson/) and [this](/en/courses/foundations/x/).') }))
    ).join('\n');
    expect(found).toMatch(/link to \/en\/courses\/foundations\/no-such-lesson\/ goes to no page/);
    expect(found).not.toMatch(/foundations\/x\//);
  });
  it('refuses a case study told in more than two lessons', async () => {
    const three = [1, 2, 3].map((n) => ({ ...lesson(), id: `foundations/x${n}`, slug: `x${n}`, order: n, file: `content/foundations/en/0${n}-x${n}.mdx` }));
    expect((await problems(...three)).filter((p) => p.startsWith('case study "t" is used in 3 lessons'))).toHaveLength(1);
    expect((await problems(...three.slice(0, 2))).filter((p) => p.startsWith('case study'))).toEqual([]);
  });
});

describe('final assessment banks', () => {
  const options = ['a', 'b'].map((id) => ({ id, text: id.toUpperCase() }));
  const question = (i: number, lessons = [1]) => ({ id: `a${i}`, type: 'single', lessons, prompt: 'p', explanation: 'e', options, answer: 'b' });
  const bankOf = (n: number, change: (i: number) => number[] = () => [1]) =>
    assessmentBank.parse({ passMark: 0.7, attemptSize: 5, questions: Array.from({ length: n }, (_, i) => question(i, change(i))) });
  const bankProblems = async (banks: Record<string, ReturnType<typeof bankOf>>) => {
    const { checkCurriculum } = await import('../../scripts/content/check.ts');
    const courses = Object.entries(banks).map(([locale, data]) => ({
      id: 'foundations' as const,
      locale,
      file: 'f',
      body: '',
      data: {} as never,
      lessons: [lesson({ locale })],
      assessment: { file: `content/foundations/${locale}/assessment.yaml`, data },
    }));
    return checkCurriculum({ root: 'content', glossary: new Map(), problems: [], courses }, { today }).problems.filter((p) => p.includes('assessment.yaml'));
  };

  it('accepts a bank twice the size of an attempt, translated question for question', async () => {
    expect(await bankProblems({ en: bankOf(10), fr: bankOf(10) })).toEqual([]);
  });
  it('refuses a bank smaller than two attempts, so two attempts in a row could not differ', async () => {
    expect(await bankProblems({ en: bankOf(9) })).toEqual([
      'content/foundations/en/assessment.yaml: 9 questions; an attempt asks 5, so the bank needs at least 10',
    ]);
  });
  it('refuses a question naming a lesson the course lacks, and a translation that tags lessons differently', async () => {
    const found = await bankProblems({ en: bankOf(10, (i) => (i === 3 ? [2] : [1])), fr: bankOf(10) });
    expect(found).toEqual([
      'content/foundations/en/assessment.yaml: question a3 names lesson 2, but the course has 1',
      'content/foundations/fr/assessment.yaml: questions, lessons, options and keys must match content/foundations/en/assessment.yaml',
    ]);
  });
});
