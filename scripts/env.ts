// Environment every project command runs with: tool state stays out of ~, nothing phones home.
import { resolve } from 'node:path';

export function projectEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const cache = resolve('.cache');
  return {
    ...base,
    XDG_CONFIG_HOME: base.XDG_CONFIG_HOME ?? `${cache}/config`,
    XDG_CACHE_HOME: base.XDG_CACHE_HOME ?? `${cache}/cache`,
    XDG_DATA_HOME: base.XDG_DATA_HOME ?? `${cache}/data`,
    XDG_STATE_HOME: base.XDG_STATE_HOME ?? `${cache}/state`,
    ASTRO_TELEMETRY_DISABLED: '1',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  };
}
