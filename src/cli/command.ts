/** Output of a CLI command; tests pass a collecting implementation. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 ok, 1 failure, 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * One CLI command group, e.g. `workdays` with its sub-commands.
 * `run` gets the arguments after the group name and returns the exit code.
 * Commands that need the database get it from `ctx.openDeps()`, so commands that do not
 * (draw verify, draw simulate, workdays) run without one.
 */
export interface CliCommand<Ctx = unknown> {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo, ctx: Ctx): Promise<number>;
}
