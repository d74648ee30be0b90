/**
 * What workerd hands a Worker, typed here by the little we use (the global types of
 * @cloudflare/workers-types would clash with Node's and the DOM's in this one tsconfig).
 */

import type { R2BucketLike } from '../storage/r2-evidence-store';

/** The third argument of `fetch` and `scheduled`: work that outlives the response goes to `waitUntil`. */
export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  /** Props of a service binding's call (unused here; Hono's type has it). */
  props: unknown;
}

/** A Cron Trigger's event: `cron` is the expression exactly as written in wrangler.toml. */
export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
  noRetry(): void;
}

/** The Hyperdrive binding: a connection string to Hyperdrive's pool (locally: to `localConnectionString`). */
export interface HyperdriveBinding {
  readonly connectionString: string;
}

/** The Worker's bindings: Hyperdrive, the R2 bucket of evidence, and the variables and secrets (strings) of the config. */
export interface WorkerEnv {
  HYPERDRIVE?: HyperdriveBinding;
  /** Photos, files and issued 执法文书 (src/storage/r2-evidence-store.ts); without it they are refused. */
  EVIDENCE?: R2BucketLike;
  [name: string]: unknown;
}

/** The variables and secrets: every binding that is a string. */
export function textVars(env: WorkerEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
