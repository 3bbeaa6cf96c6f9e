import { createMiddleware } from 'hono/factory';
import type { AppEnv, RateLimitRule } from '../context.ts';
import { ApiError } from '../errors.ts';

/**
 * Fixed-window limiter kept in memory. On Node that is per process; on Workers per isolate, so it
 * only slows down guessing there (a Cloudflare rate-limiting rule is the real fence; see README).
 */
export function rateLimit(bucket: string, ruleOf: (env: AppEnv['Variables']) => RateLimitRule) {
  // One table per app instance (keyed by its deps), so separate apps never share counts.
  const tables = new WeakMap<object, Map<string, { start: number; count: number }>>();
  return createMiddleware<AppEnv>(async (c, next) => {
    const rule = ruleOf(c.var);
    let windows = tables.get(c.var.deps);
    if (!windows) {
      windows = new Map();
      tables.set(c.var.deps, windows);
    }
    const now = c.var.deps.clock().getTime();
    const key = `${bucket}:${c.var.deps.clientIp?.(c) ?? 'unknown'}`;
    let window = windows.get(key);
    if (!window || now - window.start >= rule.windowMs) {
      window = { start: now, count: 0 };
      windows.set(key, window);
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= rule.windowMs) windows.delete(k);
    }
    window.count += 1;
    if (window.count > rule.limit) {
      const retryAfter = Math.ceil((window.start + rule.windowMs - now) / 1000);
      c.header('Retry-After', String(retryAfter));
      throw new ApiError(429, 'rate_limited', `Too many attempts. Try again in ${retryAfter} seconds.`);
    }
    await next();
  });
}
