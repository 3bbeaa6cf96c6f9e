// npm test: every check, in order, failing fast. Lint and format come first, then type checks, then the content check,
// the site build (the browser and Workers tests need dist/), then all vitest projects.
import { spawnSync } from 'node:child_process';
import { projectEnv } from './env.ts';

const steps: Array<[string, string[]]> = [
  ['lint and format (biome ci)', ['npx', 'biome', 'ci', '--no-errors-on-unmatched']],
  ['curriculum manifest', ['node', 'scripts/content/write-manifest.ts']],
  ['astro sync (content types)', ['npx', 'astro', 'sync']],
  ['type check: tsc', ['npx', 'tsc', '--noEmit']],
  ['type check: astro check', ['npx', 'astro', 'check', '--noSync']],
  ['content check', ['node', 'scripts/content/check-content.ts']],
  ['site build (astro, pagefind, offline bundles)', ['node', 'scripts/build.ts']],
  ['tests: vitest (unit, api:memory, api:sqld, worker, browser)', ['npx', 'vitest', 'run', ...process.argv.slice(2)]],
];

const env = projectEnv();
const started = Date.now();
for (const [name, [command, ...args]] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command!, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status ?? result.signal}). Fix it and run \`npm test\` again.`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
