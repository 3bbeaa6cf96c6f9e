// Byte budgets over the built site: a page must load on 2G. Every lesson, course and catalog page
// (and the home page) in every locale is measured; the largest of each type is printed.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOCALES } from '#core/locales.ts';

const DIST = 'dist';
// First render: what the browser needs to paint the page and let the reader read, HTML + CSS, gzip.
// On a lesson page that is everything before the quiz (head, inline CSS, header, objectives, the
// lesson text and its exercises): browsers render HTML as it streams, and the quiz, discussion and
// references below it do not delay the first paint. They are bounded by the whole-page budget.
// See docs/decisions/009-first-render-budget.md.
const FIRST_RENDER_BUDGET = 14 * 1024;
const PAGE_BUDGET = 18 * 1024; // the whole HTML document + CSS, gzip
const TOTAL_BUDGET = 30 * 1024; // + JavaScript, gzip
const BELOW_THE_FOLD = '<section class="quiz"';

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
const read = (url: string) => readFileSync(join(DIST, url));

function measure(htmlFile: string) {
  const html = readFileSync(htmlFile, 'utf8');
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const scripts = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  while (queue.length) {
    const url = queue.shift()!;
    if (scripts.has(url)) continue;
    scripts.add(url);
    for (const m of read(url)
      .toString('utf8')
      .matchAll(/(?:import|from)\s*\(?\s*["']\.\/([^"']+\.js)["']/g))
      queue.push(`/_astro/${m[1]}`);
  }
  const cssBytes = css.reduce((n, u) => n + gz(read(u)), 0);
  const fold = html.indexOf(BELOW_THE_FOLD);
  const firstRender = gz(fold > 0 ? html.slice(0, fold) : html) + cssBytes;
  const page = gz(html) + cssBytes;
  const total = page + [...scripts].reduce((n, u) => n + gz(read(u)), 0);
  return { firstRender, page, total, html };
}

function pagesOfType(type: 'home' | 'catalog' | 'course' | 'lesson'): string[] {
  return LOCALES.flatMap(({ code }) => {
    const courses = join(DIST, code, 'courses');
    if (type === 'home') return [join(DIST, code, 'index.html')];
    if (type === 'catalog') return [join(courses, 'index.html')];
    const courseDirs = readdirSync(courses).filter((d) => statSync(join(courses, d)).isDirectory());
    if (type === 'course') return courseDirs.map((d) => join(courses, d, 'index.html'));
    return courseDirs.flatMap((d) =>
      readdirSync(join(courses, d))
        .filter((l) => !['capstone', 'tabletop', 'assessment'].includes(l) && existsSync(join(courses, d, l, 'index.html')))
        .map((l) => join(courses, d, l, 'index.html')),
    );
  });
}

describe('byte budgets (gzip)', () => {
  it('dist/ exists', () => {
    expect(existsSync(join(DIST, 'index.html')), 'Build the site first: npm run build').toBe(true);
  });

  const rows: string[] = [];
  for (const type of ['home', 'catalog', 'course', 'lesson'] as const) {
    it(`every ${type} page: first render ≤ 14 KB, page ≤ 18 KB, total ≤ 30 KB`, () => {
      const pages = pagesOfType(type);
      expect(pages.length).toBeGreaterThan(0);
      const measured = pages.map((file) => ({ file, ...measure(file) }));
      // The fold must be found on every lesson page, or the first-render figure would be the whole page.
      if (type === 'lesson') expect(measured.filter((m) => !m.html.includes(BELOW_THE_FOLD)).map((m) => m.file)).toEqual([]);
      const worstFirst = measured.reduce((a, b) => (b.firstRender > a.firstRender ? b : a));
      const worstPage = measured.reduce((a, b) => (b.page > a.page ? b : a));
      const worstTotal = measured.reduce((a, b) => (b.total > a.total ? b : a));
      rows.push(
        `${type.padEnd(8)} ${String(pages.length).padStart(4)} pages   first render max ${(worstFirst.firstRender / 1024).toFixed(1).padStart(5)} KB / 14 KB   page max ${(worstPage.page / 1024).toFixed(1).padStart(5)} KB / 18 KB   total max ${(worstTotal.total / 1024).toFixed(1).padStart(5)} KB / 30 KB   (${worstTotal.file.replace(`${DIST}/`, '')})`,
      );
      const overFirst = measured.filter((m) => m.firstRender > FIRST_RENDER_BUDGET).map((m) => `${m.file}: ${m.firstRender} B`);
      const overPage = measured.filter((m) => m.page > PAGE_BUDGET).map((m) => `${m.file}: ${m.page} B`);
      const overTotal = measured.filter((m) => m.total > TOTAL_BUDGET).map((m) => `${m.file}: ${m.total} B`);
      expect(overFirst, 'pages over the first-render budget').toEqual([]);
      expect(overPage, 'pages over the whole-page budget').toEqual([]);
      expect(overTotal, 'pages over the total budget').toEqual([]);
    });
  }

  it('prints the sizes against the budgets', () => {
    console.log(`\nPage budgets (gzip, largest page of each type):\n${rows.join('\n')}\n`);
    expect(rows).toHaveLength(4);
  });
});

describe('nothing slows the first render or leaves the site', () => {
  const htmlFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? htmlFiles(join(dir, n)) : n.endsWith('.html') ? [join(dir, n)] : []));
  const all = htmlFiles(DIST).filter((f) => !f.includes(`${DIST}/pagefind`));

  it('no third-party requests: scripts, styles, images and frames are all same-origin', () => {
    const offenders = all.flatMap((f) => {
      const html = readFileSync(f, 'utf8');
      return [...html.matchAll(/<(script|link|img|iframe|source|video|audio)\b[^>]*(?:src|href)="(https?:)?\/\/[^"]+"/g)].map((m) => `${f}: ${m[0]}`);
    });
    expect(offenders).toEqual([]);
  });

  it('no web fonts', () => {
    const css = all.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(css).not.toMatch(/@font-face|\.woff2?\b|fonts\.googleapis/);
  });

  it('no render-blocking scripts: every external script is a module, async or deferred', () => {
    const blocking = all.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/<script\b[^>]*\bsrc="[^"]+"[^>]*>/g)]
        .filter((m) => !/type="module"|\basync\b|\bdefer\b/.test(m[0]))
        .map((m) => `${f}: ${m[0]}`),
    );
    expect(blocking).toEqual([]);
  });

  it('final assessment banks never reach dist/', () => {
    const manifest = JSON.parse(readFileSync('generated/manifest.json', 'utf8')) as {
      assessments: Record<string, Record<string, { questions: Array<{ explanation: string }> }>>;
    };
    const banks = Object.values(manifest.assessments).flatMap((byLocale) => Object.values(byLocale).map((b) => b.questions.map((q) => q.explanation)));
    expect(banks.length).toBeGreaterThan(0);
    const files = htmlFiles(DIST).concat(readdirSync(join(DIST, '_astro')).map((f) => join(DIST, '_astro', f)));
    // A sentence may be shared with a lesson's quiz feedback; a bundled bank would bring many.
    const leaked = files.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return banks.some((explanations) => explanations.filter((e) => text.includes(e)).length >= 3);
    });
    expect(leaked).toEqual([]);
  });
});
