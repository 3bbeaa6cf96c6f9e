import type { AppDeps } from './context.ts';

const ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof ORDER;

/** One JSON line per event, at or above the configured level (LOG_LEVEL). */
export function makeLogger(level: LogLevel): NonNullable<AppDeps['log']> {
  return (eventLevel, message, data) => {
    if (ORDER[eventLevel] < ORDER[level]) return;
    const line = JSON.stringify({ level: eventLevel, message, ...data, at: new Date().toISOString() });
    if (eventLevel === 'error') console.error(line);
    else console.log(line);
  };
}
