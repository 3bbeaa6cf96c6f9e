import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeLogger } from '../../api/log.ts';

afterEach(() => vi.restoreAllMocks());

describe('logger', () => {
  it('writes JSON lines at or above LOG_LEVEL and nothing below it', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = makeLogger('warn');
    log('info', 'ignored');
    log('warn', 'slow database', { ms: 900 });
    log('error', 'failed');
    expect(out).toHaveBeenCalledTimes(1);
    expect(JSON.parse(out.mock.calls[0]![0] as string)).toMatchObject({ level: 'warn', message: 'slow database', ms: 900 });
    expect(err).toHaveBeenCalledTimes(1);
  });
  it('silent writes nothing', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    makeLogger('silent')('error', 'x');
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  });
});
