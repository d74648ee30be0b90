import { readFileSync } from 'node:fs';

/** Output of a CLI command; tests pass a collecting implementation. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 ok, 1 failure, 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad usage: says why, then how to use the command; the exit code to return. */
export function usageError(io: CliIo, usage: string, why: string): number {
  io.err(why);
  io.err(usage);
  return EXIT_USAGE;
}

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

const READ_ERRORS: Record<string, string> = {
  ENOENT: '文件不存在，请检查路径和文件名',
  EACCES: '没有读取这个文件的权限',
  EISDIR: '这是一个文件夹，请给出文件',
};

/** The bytes of `file`; or undefined, after telling the user (in Chinese) why it cannot be read. */
export function readInputFile(file: string, io: CliIo): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.err(`无法读取文件“${file}”：${READ_ERRORS[e.code ?? ''] ?? e.message}`);
    return undefined;
  }
}
