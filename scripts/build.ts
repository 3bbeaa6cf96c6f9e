// npm run build: curriculum manifest (for the API), then the static site into dist/.
import { spawnSync } from 'node:child_process';
import { projectEnv } from './env.ts';

for (const [command, ...args] of [['node', 'scripts/build-manifest.ts'], ['npx', 'astro', 'build']]) {
  const result = spawnSync(command!, args, { stdio: 'inherit', env: projectEnv() });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
