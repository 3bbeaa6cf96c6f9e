// Baseline for the API benchmarks: the smallest possible Hono route on the same Node server.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().post('/bare', async (c) => c.json({ ok: true, received: (await c.req.json<unknown[]>()).length }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => console.log('ready'));
