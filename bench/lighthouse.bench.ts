// Lighthouse (mobile, simulated slow 4G) on a lesson page in each locale, on Debian's Chromium.
// Also the ratio of the page's compressed bytes to the compressed bytes of its text alone: the
// physical floor for delivering that lesson. Targets: performance 100, accessibility 100, ratio ≤ 2.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { LOCALES } from '../site/i18n/locales.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/support/browser.ts';
import { startTestServer } from '../test/support/server.ts';
import { loadManifest } from '../test/support/app.ts';
import type { Row } from './lib.ts';

/** The words a reader came for: the page's text without markup, scripts or styles. */
function textOnly(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function run(): Promise<Row[]> {
  const manifest = loadManifest();
  const lesson = manifest.courses[0]!.lessons[0]!;
  const server = await startTestServer();
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  });
  const rows: Row[] = [];
  try {
    for (const { code } of LOCALES) {
      const path = `/${code}/courses/${manifest.courses[0]!.id}/${lesson.slug}/`;
      const result = await lighthouse(`${server.origin}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const lhr = result!.lhr;
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const weight = lhr.audits['total-byte-weight']?.numericValue ?? 0;
      const text = gzipSync(textOnly(readFileSync(`dist${path}index.html`, 'utf8')), { level: 9 }).length;
      rows.push(
        {
          benchmark: `lighthouse ${path}`,
          figure: 'perf · a11y · best practices',
          value: `${score('performance')} · ${score('accessibility')} · ${score('best-practices')}`,
          note: 'targets 100 · 100 · –',
        },
        {
          benchmark: `lighthouse ${path}`,
          figure: 'LCP · total byte weight',
          value: `${Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0)} ms · ${(weight / 1024).toFixed(1)} KB`,
        },
        {
          benchmark: `lighthouse ${path}`,
          figure: 'page bytes / text bytes (gzip)',
          value: `${(weight / text).toFixed(2)}`,
          note: `text alone ${(text / 1024).toFixed(1)} KB; target ≤ 2`,
        },
      );
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  return rows;
}
