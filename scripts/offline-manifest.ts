// After `astro build` and pagefind: lists, per locale and course, every file a reader needs to
// study that course offline, with its compressed size, into dist/offline/<locale>/<course>.json.
// Also writes the service worker's shell list and stamps the build id into dist/sw.js.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LOCALES } from '../site/i18n/locales.ts';

const DIST = 'dist';
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
const urlOf = (file: string) => `/${relative(DIST, file).replace(/index\.html$/, '')}`;
const gz = (file: string) => gzipSync(readFileSync(file)).length;

/** Scripts and styles a page loads, followed through static imports. */
function assetsOf(htmlFile: string): string[] {
  const html = readFileSync(htmlFile, 'utf8');
  const found = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!);
  while (queue.length) {
    const url = queue.shift()!;
    if (found.has(url)) continue;
    found.add(url);
    if (url.endsWith('.js')) {
      const js = readFileSync(join(DIST, url), 'utf8');
      for (const m of js.matchAll(/(?:import|from)\s*\(?\s*["']\.\/([^"']+\.js)["']/g)) queue.push(`/_astro/${m[1]}`);
    }
  }
  return [...found];
}

/** Pagefind fragments are gzipped JSON that name the page they index. */
function fragmentUrl(url: string): string {
  const text = gunzipSync(readFileSync(join(DIST, url))).toString('utf8');
  return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
}

const build = createHash('sha256')
  .update(readFileSync(join(DIST, '..', 'generated', 'manifest.json')))
  .update(String(Date.now()))
  .digest('hex')
  .slice(0, 10);
const all = walk(DIST);
const pagefind = all.filter((f) => f.startsWith(join(DIST, 'pagefind'))).map((f) => urlOf(f));
let written = 0;

for (const { code } of LOCALES) {
  const courseDir = join(DIST, code, 'courses');
  if (!existsSync(courseDir)) continue;
  const shared = ['', 'courses/', 'glossary/', 'my-learning/', 'offline/', 'search/'].map((p) => join(DIST, code, p, 'index.html')).filter(existsSync);
  for (const course of readdirSync(courseDir).filter((d) => statSync(join(courseDir, d)).isDirectory())) {
    // The assessment needs the server, so it is not offered offline.
    const pages = [...walk(join(courseDir, course)).filter((f) => f.endsWith('index.html') && !f.includes('/assessment/')), ...shared];
    const files = new Map<string, number>();
    for (const page of pages) {
      files.set(urlOf(page), gz(page));
      for (const asset of assetsOf(page)) files.set(asset, gz(join(DIST, asset)));
    }
    // Search: the Pagefind runtime, this language's index, and the fragments of this course's pages.
    const prefix = `/${code}/courses/${course}/`;
    for (const url of pagefind) {
      const name = url.slice('/pagefind/'.length);
      const wanted =
        ['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json', `wasm.${code}.pagefind`].includes(name) ||
        name.startsWith(`pagefind.${code}_`) ||
        name.startsWith(`index/${code}_`) ||
        (name.startsWith('fragment/') && fragmentUrl(url).startsWith(prefix));
      if (wanted) files.set(url, statSync(join(DIST, url)).size); // already compressed by Pagefind
    }
    const list = [...files].map(([url, bytes]) => ({ url, bytes }));
    mkdirSync(join(DIST, 'offline', code), { recursive: true });
    writeFileSync(
      join(DIST, 'offline', code, `${course}.json`),
      JSON.stringify({ course, locale: code, build, bytes: list.reduce((n, f) => n + f.bytes, 0), files: list }),
    );
    written += 1;
  }
}
writeFileSync(join(DIST, 'offline', 'shell.json'), JSON.stringify(LOCALES.map((l) => `/${l.code}/offline/`)));
const sw = join(DIST, 'sw.js');
writeFileSync(sw, readFileSync(sw, 'utf8').replace('__BUILD__', build));
console.log(`offline: ${written} course bundles, build ${build}`);
