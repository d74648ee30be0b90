import { z } from 'zod';
import type { IsoDate } from '../../domain/model';
import type { Permission } from '../permission';
import type { Person, Repos } from '../ports/store';
import { type AppEnv, AppError, type Origin, type UseCaseContext, type UseCaseResult } from '../use-case';

/**
 * Where a command may be typed: a group bound to the agency, a direct chat with the bot, or a
 * group not yet bound (only `/bind`, which does the binding).
 */
export type Place = 'group' | 'direct' | 'unbound-group';

export type { Permission } from '../permission';

/** What a person typed, split once for every command's parser. */
export interface CommandText {
  /** The whole text, trimmed. */
  text: string;
  /** Everything after the command word, line breaks kept (a pasted file). */
  body: string;
  /** The body split on spaces (ASCII and full-width). */
  args: string[];
}

/** A refusal with its kind and Chinese text, for a command typed in the wrong place. */
export interface PlaceRefusal {
  kind: 'permission' | 'invalid';
  text: string;
}

/**
 * One chat command: its words, its line in `/help`, where and by whom it may be used, how its
 * arguments are read, and the use case it runs. The dispatcher, `/help`, the router's chat policy
 * and the role refusals are all derived from these entries.
 */
export interface CommandEntry<I = unknown, P = unknown> {
  /** Command words without the slash; the first is the canonical one shown in `/help`. */
  words: readonly [string, ...string[]];
  help: {
    /** How to write it, e.g. `/verify 编号`; a function when the example holds dates (valid on the day shown). */
    usage: string | ((today: IsoDate) => string);
    /** What it does, in a few words. */
    summary: string;
    /** Further examples shown under the usage line (e.g. the draw's quota forms); a function when they hold a date or a year. */
    examples?: readonly string[] | ((today: IsoDate) => readonly string[]);
  };
  places: readonly Place[];
  /** What a person typing it elsewhere is told (default: where it may be used). */
  wrongPlace?: PlaceRefusal;
  /** Omitted: anyone with a linked account. A function: the permission depends on the input. */
  permission?: Permission | ((input: I) => Permission | undefined);
  /** Reads the arguments; throws `AppError('invalid', …)` with a correct example when they are wrong. */
  parse(text: CommandText, when: { today: IsoDate }): I;
  /**
   * Work too long to hold the database for (a year's export, rendered from the whole directory):
   * done before the command's transaction, from a short read as the person who typed it (whose
   * permission and place are checked first), its result handed to `run`. Its failures are
   * ignored here: `run` gets nothing and does the work itself, refusals included.
   */
  prepare?(ctx: PrepareContext, input: I): Promise<P>;
  run(ctx: UseCaseContext, input: I, prepared?: P): Promise<UseCaseResult>;
  /**
   * It links or unlinks accounts or binds a chat: who the commands after it come from, or where
   * they may be used, can change. Commands handled together (the inbox's batches) look their
   * senders up all at once only when none of them does this.
   */
  changesSenders?: true;
}

/** What a button click or form submit carries, as strings. */
export interface ActionData {
  payload: Record<string, string>;
  values: Record<string, string>;
}

/**
 * One card action (a button or a form's submit button). `name` is what the card's button carries;
 * `input` reads its payload and form values (a zod schema, so a forged or stale payload is refused
 * with a Chinese message before anything runs).
 */
export interface ActionEntry<N extends string = string, I = unknown> {
  name: N;
  permission?: Permission;
  input: z.ZodType<I, ActionData>;
  /**
   * Network work that must not hold the database (the draw's drand round): run before the
   * action's transaction, its answer kept for the request by the adapter it went through.
   * Its failures are ignored here; `run` meets them again and answers the person.
   */
  prefetch?(ctx: PrefetchContext, input: I): Promise<void>;
  run(ctx: UseCaseContext, input: I): Promise<UseCaseResult>;
}

/** What an action's `prefetch` gets: the request's environment and a short read of the store as the person who acts. */
export interface PrefetchContext {
  env: AppEnv;
  read<T>(work: (repos: Repos, actor: Person) => Promise<T>): Promise<T>;
}

/** What a command's `prepare` gets: the same, and where the command was typed. */
export interface PrepareContext extends PrefetchContext {
  origin: Origin;
}

/** What is known of a file a person sent before it is fetched: its name, and whether it is a photo. */
export interface FileMeta {
  name: string;
  /** `image`: a photo sent as one (Feishu `image` message: the name is made up, the type is read from the bytes). */
  kind?: 'image' | 'file';
}

/** A file a person sent: its name and bytes. */
export interface UploadedFile extends FileMeta {
  data: Uint8Array;
}

/** What an upload entry decides with, before the file is fetched. */
export type UploadContext = Pick<UseCaseContext, 'repos' | 'env' | 'actor' | 'origin'>;

/**
 * What the bot does with a file sent to it (evidence for the task an officer chose; an
 * administrator's register). The table's entries are asked in order: the first whose `claims`
 * says yes (or that has none) takes the file. The router checks its place and permission before
 * it fetches the file, and fetches at most `maxBytes`.
 */
export interface UploadEntry {
  places: readonly Place[];
  wrongPlace?: PlaceRefusal;
  permission?: Permission;
  maxBytes: number;
  /** Whether this entry takes the file (read in the transaction of the check); none: it takes every file that reaches it. */
  claims?(ctx: UploadContext, file: FileMeta): Promise<boolean>;
  /** The refusal of a file over `maxBytes`, with what to do instead. */
  tooLarge(name: string): string;
  run(ctx: UseCaseContext, file: UploadedFile): Promise<UseCaseResult>;
}

/** Keeps the input type of a command entry checked against its parser and use case. */
export function command<I, P = unknown>(entry: CommandEntry<I, P>): CommandEntry<unknown> {
  return entry as CommandEntry<unknown>;
}

/** Keeps the literal action name (for typed buttons) and the input type of an action entry. */
export function action<N extends string, I>(entry: ActionEntry<N, I>): ActionEntry<N, unknown> {
  return entry as ActionEntry<N, unknown>;
}

/** The largest id a row can have (PostgreSQL `integer`). */
const MAX_ID = 2_147_483_647;

/** A positive integer id in a button payload, in decimal; a missing, forged or out-of-range one is refused. */
export function idField(key: string) {
  const message = `按钮数据缺少有效的 ${key}，请刷新卡片后重试。`;
  return z
    .string({ error: message })
    .regex(/^\d{1,10}$/, { error: message })
    .transform(Number)
    .refine((n) => n > 0 && n <= MAX_ID, { error: message });
}

/** Form values, each a string (what every messenger adapter normalizes them to). */
export const anyValues = z.record(z.string(), z.string());

/** Reads an action's data with its schema; the first problem is the person's answer. */
export function readActionInput<I>(schema: z.ZodType<I, ActionData>, data: ActionData): I {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError('invalid', parsed.error.issues[0]?.message ?? '按钮数据无效，请刷新卡片后重试。');
  return parsed.data;
}

/** An argument-free command ignores what follows the word. */
export const noArguments = (): undefined => undefined;
