import { checkPermission } from './permission';
import type {
  ActionData,
  ActionEntry,
  CommandEntry,
  CommandText,
  FileMeta,
  Place,
  PlaceRefusal,
  PrefetchContext,
  PrepareContext,
  UploadContext,
  UploadedFile,
  UploadEntry,
} from './commands/entry';
import { readActionInput } from './commands/entry';
import { drawExample } from './commands/parse-draw';
import { manualLink } from './manual-link';
import { APP_TABLE, type CommandTable } from './commands/table';
import type { IsoDate } from '../domain/model';
import type { Person } from './ports/store';
import { AppError, todayOf, type Origin, type UseCaseContext, type UseCaseResult } from './use-case';
import { helpCard, type HelpLine } from './views/status-cards';

/** Runs chat commands and card actions from a table; everything about an entry comes from it. */
export interface Dispatcher {
  /** The command a text names, if any (the router asks before it knows the chat's agency). */
  commandOf(text: string): CommandEntry | undefined;
  /** Runs the command; `prepared` is what its `prepare` made for this request, if it has one. */
  runCommand(ctx: UseCaseContext, text: string, prepared?: unknown): Promise<UseCaseResult>;
  /**
   * Runs the command's `prepare`, if it has one and its arguments read, reading only as a person
   * who may use it there; never throws (undefined: `runCommand` does the work, or the refusal).
   */
  prepareCommand(ctx: PrepareContext, text: string): Promise<unknown>;
  runAction(ctx: UseCaseContext, name: string, data: ActionData): Promise<UseCaseResult>;
  /** Runs the action's `prefetch`, if it has one and its input reads; never throws. */
  prefetchAction(ctx: PrefetchContext, name: string, data: ActionData): Promise<void>;
  /** Whether the actor may send this file here (throws the refusal); the largest file accepted and the refusal past it. */
  checkUpload(ctx: UploadContext, file: FileMeta): Promise<{ maxBytes: number; tooLarge: string }>;
  runUpload(ctx: UseCaseContext, file: UploadedFile): Promise<UseCaseResult>;
}

const NO_FILES = '机器人不处理文件消息。要导入企业名录或执法人员名录，请由管理员在与机器人的私聊中发送 .xlsx 或 .csv 文件。';

const PLACE_NAMES: Record<Place, string> = { group: '工作群', direct: '与机器人的私聊', 'unbound-group': '尚未绑定的群' };

/** Splits the command word off; the word matches without its slash and in any case. */
export function splitCommand(text: string): { word: string; command: CommandText } {
  const trimmed = text.trim();
  const [first = ''] = trimmed.split(/[\s\u3000,，、;；]+/, 1);
  const body = trimmed.slice(trimmed.indexOf(first) + first.length).trim();
  // Full-width letters and digits (ｄｒａｗ, １０家) read as half-width; the body keeps what was typed.
  const word = first.normalize('NFKC').replace(/^\//, '').toLowerCase();
  return { word, command: { text: trimmed, body, args: body.split(/[\s\u3000]+/).filter(Boolean) } };
}

/** May the command be typed in a group that is not bound to any agency yet? (The router asks.) */
export function allowedInUnboundGroup(entry: CommandEntry | undefined): boolean {
  return entry?.places.includes('unbound-group') ?? false;
}

/** The command's input, once the actor may use it here (throws the refusal). */
function checkedInput(entry: CommandEntry, command: CommandText, actor: Person, origin: Origin, today: IsoDate): unknown {
  if (typeof entry.permission === 'object') checkPermission(actor, entry.permission);
  checkPlace(entry, origin, `/${entry.words[0]}`);
  const input = entry.parse(command, { today });
  if (typeof entry.permission === 'function') checkPermission(actor, entry.permission(input));
  return input;
}

/** Group or direct chat; a group reaches here unbound only for what `allowedInUnboundGroup` lets in. */
function checkPlace(entry: { places: readonly Place[]; wrongPlace?: PlaceRefusal }, origin: Origin, what: string): void {
  const place: Place = origin.kind === 'direct' ? 'direct' : 'group';
  if (entry.places.includes(place)) return;
  if (entry.wrongPlace) throw new AppError(entry.wrongPlace.kind, entry.wrongPlace.text);
  throw new AppError('invalid', `${what} 只能在${entry.places.map((p) => PLACE_NAMES[p]).join('或')}中使用。`);
}

function unknownCommand(text: string, today: IsoDate): AppError {
  return new AppError('invalid', `没有看懂“${text.slice(0, 40)}”。发送 /help 查看可用命令，例如：${drawExample(today)}`);
}

/** Who may use a command as `/help` shows it: its permission, or for one that depends on the input, that of the bare command. */
function mayUse(entry: CommandEntry, actor: Person, today: IsoDate): boolean {
  if (typeof entry.permission === 'object') return entry.permission.roles.includes(actor.role);
  if (typeof entry.permission !== 'function') return true;
  try {
    const bare = entry.permission(entry.parse({ text: '', body: '', args: [] }, { today }));
    return !bare || bare.roles.includes(actor.role);
  } catch {
    return true;
  }
}

/** The `/help` lines the actor may use, in table order, with the aliases and where each works. */
function helpLines(commands: readonly CommandEntry[], actor: Person, today: IsoDate): HelpLine[] {
  return commands
    .filter((c) => mayUse(c, actor, today))
    .map((c) => ({
      usage: typeof c.help.usage === 'function' ? c.help.usage(today) : c.help.usage,
      summary: c.help.summary,
      aliases: c.words.slice(1),
      groupOnly: !c.places.includes('direct'),
      examples: typeof c.help.examples === 'function' ? c.help.examples(today) : (c.help.examples ?? []),
    }));
}

/**
 * A dispatcher over a table, with `/help` derived from it. The router is given one; a test can
 * build its own from a table with an extra entry.
 */
export function createDispatcher(table: CommandTable = APP_TABLE): Dispatcher {
  const commands: CommandEntry[] = [...table.commands];
  commands.push({
    words: ['help', '帮助'],
    help: { usage: '/help', summary: '查看可用的命令' },
    places: ['group', 'direct'],
    parse: () => undefined,
    run: async (ctx) => ({
      reply: { type: 'card', card: helpCard(helpLines(commands, ctx.actor, todayOf(ctx.env)), manualLink(ctx.actor.role, ctx.env.publicBaseUrl)) },
    }),
  });
  const byWord = new Map<string, CommandEntry>();
  for (const entry of commands) {
    for (const word of entry.words) {
      if (byWord.has(word)) throw new Error(`command word “${word}” is in the table twice`);
      byWord.set(word, entry);
    }
  }
  /** The table's upload entry that takes the file, once the actor may use it here. */
  const uploadEntry = async (ctx: UploadContext, file: FileMeta): Promise<UploadEntry> => {
    for (const upload of table.uploads ?? []) {
      if (upload.claims && !(await upload.claims(ctx, file))) continue;
      checkPlace(upload, ctx.origin, '发送文件');
      checkPermission(ctx.actor, upload.permission);
      return upload;
    }
    throw new AppError('invalid', NO_FILES);
  };
  const byAction = new Map<string, ActionEntry>();
  for (const entry of table.actions) {
    if (byAction.has(entry.name)) throw new Error(`action “${entry.name}” is in the table twice`);
    byAction.set(entry.name, entry);
  }

  return {
    commandOf: (text) => byWord.get(splitCommand(text).word),

    async runCommand(ctx, text, prepared) {
      const { word, command } = splitCommand(text);
      const entry = byWord.get(word);
      if (!entry) throw unknownCommand(command.text, todayOf(ctx.env));
      const input = checkedInput(entry, command, ctx.actor, ctx.origin, todayOf(ctx.env));
      return entry.run(ctx, input, prepared);
    },

    async prepareCommand(ctx, text) {
      const { word, command } = splitCommand(text);
      const entry = byWord.get(word);
      if (!entry?.prepare) return undefined;
      const today = todayOf(ctx.env);
      // Only as a person who may use the command there: anyone else is refused before anything is read.
      const read: PrepareContext['read'] = (work) =>
        ctx.read((repos, actor) => {
          checkedInput(entry, command, actor, ctx.origin, today);
          return work(repos, actor);
        });
      try {
        return await entry.prepare({ ...ctx, read }, entry.parse(command, { today }));
      } catch {
        return undefined;
      }
    },

    async checkUpload(ctx, file) {
      const entry = await uploadEntry(ctx, file);
      return { maxBytes: entry.maxBytes, tooLarge: entry.tooLarge(file.name) };
    },

    runUpload: async (ctx, file) => (await uploadEntry(ctx, file)).run(ctx, file),

    async runAction(ctx, name, data) {
      const entry = byAction.get(name);
      if (!entry) throw new AppError('invalid', '这张卡片的按钮已失效，请发送 /tasks 获取最新任务卡。');
      checkPermission(ctx.actor, entry.permission);
      return entry.run(ctx, readActionInput(entry.input, data));
    },

    async prefetchAction(ctx, name, data) {
      const entry = byAction.get(name);
      const input = entry?.input.safeParse(data);
      if (!entry?.prefetch || !input?.success) return;
      await entry.prefetch(ctx, input.data).catch(() => undefined);
    },
  };
}
