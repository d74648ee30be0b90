export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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
    const extra = data && Object.keys(data).length ? ` ${safeJson(data)}` : '';
    sink(`${new Date().toISOString()} ${l.toUpperCase().padEnd(5)} ${msg}${extra}`, l);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function defaultSink(line: string, level: LogLevel) {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

function safeJson(data: Record<string, unknown>): string {
  try {
    return JSON.stringify(data, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  } catch {
    return '[unserializable]';
  }
}

/** For tests: drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
