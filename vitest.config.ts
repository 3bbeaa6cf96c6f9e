import { defineConfig } from 'vitest/config';

// wrangler runs offline here: no metrics, no error reports, no Cloudflare fetches.
const WRANGLER_OFFLINE = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

// One config, five projects. The API suite runs twice: on in-memory libSQL and on a real sqld.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'site', include: ['test/site/**/*.test.ts'] } },
      { test: { name: 'api:memory', include: ['test/api/**/*.test.ts'] } },
      {
        test: {
          name: 'api:sqld',
          include: ['test/api/**/*.test.ts'],
          // The access matrix proves the policy, which reads the same SQL on either backend; on memory
          // it takes 15 s, on sqld over 60 s of HTTP round trips. Every other API test runs on both.
          // node-server.test.ts starts its own server with an embedded database: once is enough.
          exclude: ['test/api/access-matrix.test.ts', 'test/api/node-server.test.ts', 'test/api/credential-cli.test.ts'],
          globalSetup: ['test/support/sqld-setup.ts'],
        },
      },
      {
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          globalSetup: ['test/support/sqld-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          env: WRANGLER_OFFLINE,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A loaded CI machine can take a few seconds per step; polls wait up to 15 s, then fail.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
