// Gives every built page a script policy: a <meta http-equiv="Content-Security-Policy"> that lets
// scripts run only from the site itself and, for the few small scripts Astro inlines into a page,
// only those exact scripts (by their SHA-256). WebAssembly is allowed to compile (the search's
// Pagefind index needs it); inline event handlers, eval and injected <script> text are not. The
// headers of api/http/site-headers.ts carry the rest of the policy; the two are both enforced.
// Run by scripts/build.ts after `astro build`, before the search index, offline bundles and
// compression read the pages.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Script elements the browser runs: no src, and no type or a JavaScript one (JSON data blocks are not run). */
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const RUNS = (attributes: string) => {
  if (/\ssrc\s*=/.test(attributes)) return false;
  const type = /\stype\s*=\s*"?([^"\s>]+)/.exec(attributes)?.[1]?.toLowerCase();
  return type === undefined || type === 'module' || type === 'text/javascript';
};

/** The page with its script policy, placed before any script (right after its charset). */
export function withScriptPolicy(html: string): string {
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (RUNS(attributes!)) hashes.add(`'sha256-${createHash('sha256').update(body!, 'utf8').digest('base64')}'`);
  }
  const policy = ["script-src 'self' 'wasm-unsafe-eval'", ...[...hashes].sort()].join(' ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const charset = /<meta charset="[^"]*">/i.exec(html);
  if (!charset) throw new Error('script-policy: a page without <meta charset> (every layout has one)');
  const at = charset.index + charset[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const files = htmlFiles('dist');
  for (const file of files) writeFileSync(file, withScriptPolicy(readFileSync(file, 'utf8')));
  console.log(`script policy: ${files.length} pages`);
}
