import { describe, expect, it } from 'vitest';
import { createLogger, logValue } from '../src/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('debug', (line) => lines.push(line));
  const data = () => JSON.parse(lines.at(-1)!.replace(/^\S+ \S+\s+[^{]*/, ''));
  return { logger, lines, data };
}

describe('logger', () => {
  it('writes an error field with its stack, own fields and cause chain', () => {
    const { logger, lines, data } = capture();
    const root = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const error = new Error('send failed', { cause: root });
    logger.error('outbox drain failed', { id: 3, error });
    expect(lines).toHaveLength(1);
    const logged = data();
    expect(logged.id).toBe(3);
    expect(logged.error).toMatchObject({ name: 'Error', message: 'send failed', cause: { name: 'Error', message: 'socket hang up', code: 'ECONNRESET' } });
    expect(logged.error.stack).toContain('send failed');
    expect(logged.error.stack).toContain('logger.test.ts');
    expect(logged.error.cause.stack).toContain('socket hang up');
  });

  it('writes an Error passed as the data itself instead of dropping it', () => {
    const { logger, lines, data } = capture();
    logger.error('feishu: card action failed', new TypeError('x is undefined') as unknown as Record<string, unknown>);
    expect(lines[0]).toContain('feishu: card action failed {');
    expect(data().error).toMatchObject({ name: 'TypeError', message: 'x is undefined', stack: expect.stringContaining('TypeError: x is undefined') });
  });

  it('keeps one line per entry and survives a cause that points back at its error', () => {
    const { logger, lines, data } = capture();
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    logger.warn('loop', { error: a });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(data().error.cause.cause.message).toBe('a');
  });

  it('writes other values as JSON, and nothing when there are no fields', () => {
    const { logger, lines } = capture();
    logger.info('plain', {});
    logger.info('with', { n: 1, s: 'x' });
    expect(lines[0]).toMatch(/INFO {2}plain$/);
    expect(lines[1]).toMatch(/INFO {2}with \{"n":1,"s":"x"\}$/);
    expect(logValue({ error: 'a string' })).toBe('{"error":"a string"}');
    expect(logValue(undefined)).toBe('undefined');
  });

  it('drops entries below its level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    logger.info('no');
    logger.warn('yes');
    expect(lines).toHaveLength(1);
  });
});
