export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * `data` is a record of fields; an Error anywhere in it (or passed as `data` itself, as a
 * `.catch((err) => logger.error('…', err))` does) is written with its name, message, stack,
 * own fields (`code`, `status`, …) and its `cause` chain.
 */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** One line per entry on stderr/stdout: `time level message {data}`. */
export function createLogger(level: LogLevel = 'info', sink: (line: string, level: LogLevel) => void = defaultSink): Logger {
  const at = (l: LogLevel) => (msg: string, data?: Record<string, unknown>) => {
    if (ORDER[l] < ORDER[level]) return;
    const fields = data instanceof Error ? { error: data } : data;
    const extra = fields && Object.keys(fields).length ? ` ${logValue(fields)}` : '';
    sink(`${new Date().toISOString()} ${l.toUpperCase().padEnd(5)} ${msg}${extra}`, l);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function defaultSink(line: string, level: LogLevel) {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** A value as the log writes it: JSON on one line, errors with their stack and cause. */
export function logValue(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (v instanceof Error ? errorFields(v, 0) : v)) ?? String(value);
  } catch {
    return '[unserializable]';
  }
}

/** How deep a `cause` chain is followed (a cause may point back at its error). */
const MAX_CAUSES = 5;

function errorFields(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) if (!(key in out) && key !== 'cause') out[key] = value;
  if (error.stack !== undefined) out.stack = error.stack;
  if (error.cause !== undefined) {
    out.cause = !(error.cause instanceof Error)
      ? error.cause
      : depth < MAX_CAUSES
        ? errorFields(error.cause, depth + 1)
        : `${error.cause.name}: ${error.cause.message}`;
  }
  return out;
}

/** For tests: drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
