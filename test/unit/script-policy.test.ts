// The build's script policy (scripts/script-policy.ts) on small pages: the hash of each inline
// script that runs, none for data blocks or external scripts, placed before any script.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withScriptPolicy } from '../../scripts/script-policy.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const page = (head: string, body = '') => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const policyOf = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];

describe('the script policy of a built page', () => {
  it('allows only the site’s own scripts and WebAssembly when the page has no inline script', () => {
    const html = withScriptPolicy(page('<script type="module" src="/_astro/a.js"></script>', '<script type="application/json" data-strings>{"a":1}</script>'));
    expect(policyOf(html)).toBe("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('lists the hash of each inline script that runs, once, whatever its type spelling', () => {
    const a = 'console.log(1)';
    const b = 'let x = `</p>`;';
    const html = withScriptPolicy(page(`<script>${a}</script>`, `<script type="module">${b}</script><script type="text/javascript">${a}</script>`));
    expect(policyOf(html)).toBe(["script-src 'self' 'wasm-unsafe-eval'", ...[sha(a), sha(b)].sort()].join(' '));
  });

  it('puts the policy right after the charset, before any script, and only once', () => {
    const once = withScriptPolicy(page('<script>1</script>'));
    expect(once.indexOf('http-equiv')).toBeLessThan(once.indexOf('<script'));
    expect(once.indexOf('http-equiv')).toBeGreaterThan(once.indexOf('<meta charset'));
    expect(withScriptPolicy(once)).toBe(once);
  });

  it('refuses a page without a charset (the policy would have no safe place)', () => {
    expect(() => withScriptPolicy('<html><head><script>1</script></head></html>')).toThrow(/charset/);
  });
});
