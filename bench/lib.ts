import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, waitFor } from '../test/support/ports.ts';

export interface Row {
  benchmark: string;
  figure: string;
  value: string;
  note?: string;
}

/** Runs a server script in its own process, so load generation does not share its event loop. */
export async function startProcess(script: string, env: Record<string, string>, readyUrl: (port: number) => string) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(async () => (await fetch(readyUrl(port))).status < 500, script, 30_000);
  return {
    port,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, duration: 5, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
