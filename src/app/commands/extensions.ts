import type { UseCaseContext, UseCaseResult } from '../use-case';

/**
 * Commands and card actions beyond the core lifecycle (administration, reminders, holidays)
 * register here, each area in its own file, so the dispatcher stays small.
 */
export interface CommandExtension {
  /** Command words, without the slash: e.g. ['bind', '绑定']. */
  words: string[];
  /** One line for /help. */
  help: string;
  /** Accepted in a group chat not yet bound to an agency (only `/bind`, which does the binding). */
  allowInUnboundChat?: boolean;
  run(ctx: UseCaseContext, args: string[], text: string): Promise<UseCaseResult>;
}

export interface ActionExtension {
  action: string;
  run(ctx: UseCaseContext, payload: Record<string, string>, values: Record<string, string>): Promise<UseCaseResult>;
}

export const commandExtensions: CommandExtension[] = [];
export const actionExtensions: ActionExtension[] = [];

/** Called once per area at import time (see src/app/commands/registered.ts). */
export function registerCommands(...list: CommandExtension[]): void {
  commandExtensions.push(...list);
}

export function registerActions(...list: ActionExtension[]): void {
  actionExtensions.push(...list);
}

export function findCommandExtension(text: string): { ext: CommandExtension; args: string[] } | undefined {
  const [first = '', ...args] = text
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean);
  const word = first.replace(/^[/／]/, '').toLowerCase();
  const ext = commandExtensions.find((e) => e.words.includes(word));
  return ext ? { ext, args } : undefined;
}
