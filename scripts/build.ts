// npm run build: curriculum manifest (for the API), the static site into dist/ (each page given its
// script policy), the Pagefind search index, the offline bundles and the service worker's build
// stamp, then .br/.gz copies, then dist/_headers (the security headers, for Workers).
import { spawnSync } from 'node:child_process';
import { projectEnv } from './env.ts';

const steps = [
  ['node', 'scripts/content/write-manifest.ts'],
  ['npx', 'astro', 'build'],
  ['node', 'scripts/script-policy.ts'],
  ['npx', 'pagefind', '--site', 'dist', '--silent'],
  ['node', 'scripts/offline-manifest.ts'],
  ['node', 'scripts/precompress.ts'],
  ['node', 'scripts/site-headers.ts'],
];
for (const [command, ...args] of steps) {
  const result = spawnSync(command!, args, { stdio: 'inherit', env: projectEnv() });
  if (result.status !== 0) {
    console.error(`build step failed: ${[command, ...args].join(' ')}`);
    process.exit(result.status ?? 1);
  }
}
