/**
 * Times every repository call a use case makes, without touching the use case: each method of
 * each repository group is wrapped, and its total time, call count, and the moments of its first
 * start and last end are kept. The pure steps are the gaps between known calls (e.g. the pure
 * execute runs between `draws.frozen` returning and `draws.transition` starting).
 */
import { performance } from 'node:perf_hooks';
import type { Repos } from '../../src/app/ports/store';

export interface CallStats {
  ms: number;
  calls: number;
  firstStart: number;
  lastEnd: number;
}

export type CallLog = Map<string, CallStats>;

type AnyFn = (...args: unknown[]) => unknown;

/** A copy of `repos` whose methods record into `log` under `group.method`. `spy` sees each call's arguments and result. */
export function timedRepos(repos: Repos, log: CallLog, spy?: (name: string, args: unknown[], result: unknown) => void): Repos {
  const out: Record<string, unknown> = {};
  for (const [group, impl] of Object.entries(repos) as Array<[string, Record<string, unknown>]>) {
    const wrapped: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(impl)) {
      if (typeof fn !== 'function') {
        wrapped[method] = fn;
        continue;
      }
      const name = `${group}.${method}`;
      wrapped[method] = async (...args: unknown[]) => {
        const start = performance.now();
        try {
          const result = await (fn as AnyFn).apply(impl, args);
          spy?.(name, args, result);
          return result;
        } finally {
          const end = performance.now();
          const s = log.get(name) ?? { ms: 0, calls: 0, firstStart: start, lastEnd: end };
          s.ms += end - start;
          s.calls += 1;
          s.lastEnd = end;
          log.set(name, s);
        }
      };
    }
    out[group] = wrapped;
  }
  return out as unknown as Repos;
}

/** Total time of the named calls (0 when absent). */
export function spent(log: CallLog, ...names: string[]): number {
  return names.reduce((sum, n) => sum + (log.get(n)?.ms ?? 0), 0);
}

/** Time between the end of `after` and the first start of `before` (a pure step between two calls). */
export function gap(log: CallLog, after: string, before: string): number {
  const a = log.get(after);
  const b = log.get(before);
  if (!a || !b) return Number.NaN;
  return b.firstStart - a.lastEnd;
}
