import { memoizeRounds } from '../app/beacon-memo';
import type { PrefetchContext } from '../app/commands/entry';
import { allowedInUnboundGroup, createDispatcher, type Dispatcher } from '../app/dispatch';
import { clickRefusal } from '../app/card-controls';
import type { CardBindings } from '../app/ports/card-bindings';
import { FILE_TOO_LARGE, NetworkError, PlatformRejectedError, type FileRef, type Platform, type Recipient } from '../app/ports/messenger';
import type { UploadedFile } from '../app/commands/entry';
import type { Person, Repos, Store } from '../app/ports/store';
import { AppError, type AppEnv, type Origin, type UseCaseResult } from '../app/use-case';
import type { Logger } from '../logger';
import { EventError } from './event-error';
import type { InboundEvent } from '../app/ports/inbound-event';
import { bufferOutbox } from './buffered-outbox';
import type { InboundBatch, InboundReply, InboundSink } from './inbound-sink';

export interface RouterDeps {
  store: Store;
  env: AppEnv;
  logger: Logger;
  /** Called after a transaction that queued messages commits, to wake the outbox sender. */
  onCommitted?: () => void;
  /** The commands and actions (default: the application's table). */
  dispatcher?: Dispatcher;
  /**
   * The controls of the cards shown: a click or form submit must match its card's (checked
   * before the unit of work), and a card returned by an action is recorded as the new one.
   */
  cards?: CardBindings;
  /** Fetches a file a person sent, on its platform (Messenger.fetchFile); none: files are refused. */
  fetchFile?: (platform: Platform, file: FileRef, maxBytes: number) => Promise<Uint8Array>;
}

/**
 * A NUL (which PostgreSQL text and jsonb cannot hold) or half of a surrogate pair (a broken
 * emoji, not valid UTF-8): typed text with either used to fail deep in a query (HTTP 500).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_REPLY = '消息中含有无法处理的字符（空字符或不完整的表情符号），操作未执行。请删除这些字符后重新发送。';

/** Whether a string anywhere in `value` (an event: its text, payload, form values, ids) is unsafe. */
export function hasUnsafeText(value: unknown): boolean {
  if (typeof value === 'string') return UNSAFE_TEXT.test(value);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => UNSAFE_TEXT.test(k) || hasUnsafeText(v));
  return false;
}

const UNLINKED = '你的账号尚未与本局人员名录关联，请联系管理员绑定后再试。';
const UNBOUND = '本群尚未绑定到任何单位，机器人暂不处理本群消息。请管理员在群里发送 /bind 完成绑定。';

function originOf(event: InboundEvent): Origin {
  return { platform: event.chat.platform, chatId: event.chat.id, kind: event.chat.kind };
}

/**
 * Where a reply goes: the group it was typed in, or in a direct chat the person himself. Every
 * message of a direct chat is then addressed one way (as task cards are), so a later update
 * finds every copy of a card the person holds, and his messages keep one order.
 */
function replyTarget(event: InboundEvent): Recipient {
  return event.chat.kind === 'direct'
    ? { kind: 'user', platform: event.actor.platform, id: event.actor.accountId }
    : { kind: 'chat', platform: event.chat.platform, id: event.chat.id };
}

async function resolveActor(repos: Repos, event: InboundEvent, dispatcher: Dispatcher): Promise<Person> {
  // Both reads at once: on PostgreSQL queries issued together in a transaction share one round trip.
  const [actor, agencyId] = await Promise.all([
    repos.directory.personByAccount(event.actor.platform, event.actor.accountId),
    event.chat.kind === 'group' ? repos.directory.agencyOfChat(event.chat.platform, event.chat.id) : undefined,
  ]);
  return checkActor(event, actor, agencyId, dispatcher);
}

/** Who acts, from the sender's person and the chat's agency as looked up: or the refusal (an AppError). */
function checkActor(event: InboundEvent, actor: Person | undefined, agencyId: number | undefined, dispatcher: Dispatcher): Person {
  if (!actor) throw new AppError('permission', UNLINKED);
  if (event.chat.kind === 'group') {
    // Only what the table lets into an unbound group passes (`/bind`, which does the binding).
    if (agencyId === undefined && event.type === 'command' && !allowedInUnboundGroup(dispatcher.commandOf(event.text)))
      throw new AppError('permission', UNBOUND);
    if (agencyId !== undefined && agencyId !== actor.agencyId) throw new AppError('permission', '你不属于本群绑定的单位，不能在本群操作。');
  }
  return actor;
}

/**
 * The senders of commands handled together, looked up in two statements for all, as
 * `lookUpActor` would find each; undefined when one of the commands may change who the others
 * come from (`/link`, `/bind`…): they are then looked up one by one, each after the one before.
 */
async function lookUpSenders(repos: Repos, events: InboundEvent[], dispatcher: Dispatcher): Promise<Array<() => Person> | undefined> {
  if (events.some((event) => event.type === 'command' && dispatcher.commandOf(event.text)?.changesSenders)) return undefined;
  const groups = events.filter((event) => event.chat.kind === 'group');
  const [people, agencies] = await Promise.all([
    repos.directory.peopleByAccounts(events.map((event) => ({ platform: event.actor.platform, accountId: event.actor.accountId }))),
    repos.directory.agenciesOfChats(groups.map((event) => ({ platform: event.chat.platform, chatId: event.chat.id }))),
  ]);
  const agencyOf = new Map(groups.map((event, i) => [event, agencies[i]]));
  return events.map((event, i) => () => checkActor(event, people[i], agencyOf.get(event), dispatcher));
}

/** Who acts, or the refusal to answer instead. */
type Found = { actor: Person } | { error: unknown };

function settled(check: () => Person): Found {
  try {
    return { actor: check() };
  } catch (error) {
    return { error };
  }
}

/**
 * The repos of one event's unit of work, with every message it queues placed in its recipient's
 * queue at the time the command was sent: two commands in a chat are answered in the order they
 * were typed even when the later one commits first.
 */
function orderedBy(repos: Repos, event: InboundEvent, now: Date): Repos {
  // Never later than now: a platform clock ahead of ours must not hold the reply back.
  const sentAt = (event.type === 'command' || event.type === 'file') && event.sentAt ? new Date(Math.min(event.sentAt.getTime(), now.getTime())) : undefined;
  if (!sentAt) return repos;
  return { ...repos, outbox: { ...repos.outbox, enqueue: (items) => repos.outbox.enqueue(items.map((i) => ({ orderedAt: sentAt, ...i }))) } };
}

/**
 * The one path every messenger's deliveries take: record the delivery once, resolve who acts
 * and where, run the use case, and queue the reply — all in one transaction. A repeated
 * delivery has no second effect; a refusal rolls back and is answered in Chinese.
 */
export function createRouter(deps: RouterDeps): InboundSink & { batch: InboundBatch } {
  const { store, env, logger } = deps;
  const dispatcher = deps.dispatcher ?? createDispatcher();

  async function queueReply(repos: Repos, event: InboundEvent, result: UseCaseResult, agencyId: number | null): Promise<void> {
    if (!result.reply) return;
    await repos.outbox.enqueue([{ agencyId, to: replyTarget(event), message: result.reply, idempotencyKey: `reply:${event.dedupeKey}` }]);
  }

  /** A refusal, answered in the chat for a typed command; the delivery is recorded already. */
  async function queueRefusal(repos: Repos, event: InboundEvent, message: string): Promise<InboundReply> {
    if (event.type === 'command' || event.type === 'file') await queueReply(repos, event, { reply: { type: 'text', text: message } }, null);
    return { toast: { kind: 'error', text: message } };
  }

  async function refuse(event: InboundEvent, message: string): Promise<InboundReply> {
    await store.transaction(async (txRepos) => {
      const repos = orderedBy(txRepos, event, env.clock.now());
      if (await repos.inbound.recordOnce(event.dedupeKey, event.chat.platform)) await queueRefusal(repos, event, message);
    });
    deps.onCommitted?.();
    return { toast: { kind: 'error', text: message } };
  }

  async function cardRefusal(event: InboundEvent): Promise<string | undefined> {
    if (!deps.cards || event.type === 'command' || event.type === 'file') return undefined;
    const controls = event.messageId ? await deps.cards.controls(event.chat.platform, event.messageId) : undefined;
    return clickRefusal(controls, { action: event.action, payload: event.payload, values: event.type === 'form' ? event.values : {} });
  }

  /**
   * A file a person sent: who and where are checked first (nothing is fetched for someone who
   * may not send one), then the file is fetched, at most the entry's size. Refusals are AppErrors.
   */
  async function fetchUpload(event: Extract<InboundEvent, { type: 'file' }>): Promise<UploadedFile> {
    const { maxBytes, tooLarge } = await store.transaction(async (repos) => {
      const actor = await resolveActor(repos, event, dispatcher);
      return dispatcher.checkUpload({ repos, env, actor, origin: originOf(event) }, event.file);
    });
    if (!deps.fetchFile)
      throw new AppError('invalid', '这个平台上机器人暂不能接收文件。请在飞书或本地模拟聊天中发送，或在服务器上用 npm run cli -- directory 导入。');
    try {
      const data = await deps.fetchFile(event.chat.platform, event.file, maxBytes);
      return { name: event.file.name, data, ...(event.file.kind ? { kind: event.file.kind } : {}) };
    } catch (error) {
      if (error instanceof PlatformRejectedError && error.code === FILE_TOO_LARGE) throw new AppError('invalid', tooLarge);
      if (error instanceof PlatformRejectedError || error instanceof NetworkError) {
        logger.warn('could not fetch a file sent to the bot', { key: event.dedupeKey, file: event.file.name, error });
        throw new AppError('invalid', `未能从平台取得文件“${event.file.name}”，未作任何处理。请稍后重新发送。`);
      }
      throw error;
    }
  }

  /** Who acts, or the refusal (an AppError) to answer instead. */
  function lookUpActor(repos: Repos, event: InboundEvent): Promise<Found> {
    return resolveActor(repos, event, dispatcher).then(
      (actor) => ({ actor }),
      (error: unknown) => ({ error }),
    );
  }

  /**
   * The rest of a recorded delivery's unit of work: the use case and its reply. An unknown
   * sender's refusal goes in this unit (nothing is written yet but the record; a second
   * transaction cost about as many statements again); a use case's refusal is thrown. `done`:
   * what was done before the transaction (the file fetched, the command's prepared work).
   */
  async function runRecorded(
    repos: Repos,
    event: InboundEvent,
    found: Found,
    requestEnv: AppEnv,
    done: { file?: UploadedFile; prepared?: unknown } = {},
  ): Promise<InboundReply> {
    if ('error' in found) {
      if (found.error instanceof AppError) return queueRefusal(repos, event, found.error.message);
      throw found.error;
    }
    const { actor } = found;
    const ctx = {
      repos,
      env: requestEnv,
      actor,
      origin: originOf(event),
      requestKey: event.dedupeKey,
      ...(event.type === 'command' && event.mentions ? { mentions: event.mentions } : {}),
    };
    const result =
      event.type === 'command'
        ? await dispatcher.runCommand(ctx, event.text, done.prepared)
        : event.type === 'file'
          ? await dispatcher.runUpload(ctx, done.file!)
          : await dispatcher.runAction(ctx, event.action, { payload: event.payload, values: event.type === 'form' ? event.values : {} });
    await queueReply(repos, event, result, actor.agencyId);
    return { toast: result.toast, card: result.card };
  }

  /** A request's own view of the beacon: a round fetched before the transaction is found inside it. */
  const requestEnvOf = (): AppEnv => (env.beacon ? { ...env, beacon: memoizeRounds(env.beacon) } : env);

  /**
   * Typed commands waiting in the inbox, handled in one transaction in the order given: they are
   * recorded and their senders looked up in a statement or two for all, then each is run as one
   * delivery alone would be, and their replies are inserted together. Per command that is about
   * one statement instead of five (on PGlite each costs about a millisecond), and one commit for all. All or nothing: when any one fails or is refused (a refusal must roll back what its
   * use case wrote), the whole transaction rolls back and the answer is false: the caller then
   * handles each alone, which gives each its own refusal or error. Anything but a typed command
   * (a file is fetched first, a click is answered at once), or a command with work to prepare
   * outside the transaction (an export), is not taken (false).
   */
  async function batch(events: InboundEvent[]): Promise<boolean> {
    if (events.some((event) => event.type !== 'command' || hasUnsafeText(event) || dispatcher.commandOf(event.text)?.prepare)) return false;
    try {
      await store.transaction(async (txRepos) => {
        const { repos: buffered, flush } = bufferOutbox(txRepos);
        const now = env.clock.now();
        const [recorded, senders] = await Promise.all([
          txRepos.inbound.recordEach(events.map((event) => ({ key: event.dedupeKey, platform: event.chat.platform }))),
          lookUpSenders(txRepos, events, dispatcher),
        ]);
        for (const [i, event] of events.entries()) {
          if (!recorded.has(event.dedupeKey)) {
            logger.debug('duplicate delivery dropped', { key: event.dedupeKey });
            continue;
          }
          const repos = orderedBy(buffered, event, now);
          const sender = senders?.[i];
          const found = sender ? settled(sender) : await lookUpActor(repos, event);
          await runRecorded(repos, event, found, requestEnvOf());
        }
        await flush();
      });
    } catch (error) {
      logger.debug('a batch of deliveries is handled one by one instead', { deliveries: events.length, error });
      return false;
    }
    deps.onCommitted?.();
    return true;
  }

  const sink: InboundSink = async (event) => {
    if (hasUnsafeText(event)) {
      logger.warn('delivery refused: unsafe characters', { key: event.dedupeKey.replace(UNSAFE_TEXT, '?'), type: event.type });
      const ids = [event.dedupeKey, event.chat.id, event.actor.accountId];
      // Answered in the chat when the ids themselves are sound; else only the toast.
      if (ids.some((id) => UNSAFE_TEXT.test(id))) return { toast: { kind: 'error', text: UNSAFE_REPLY } };
      return refuse(event, UNSAFE_REPLY);
    }
    try {
      const forged = await cardRefusal(event);
      if (forged) {
        logger.warn('click refused: not on its card', {
          key: event.dedupeKey,
          actor: event.actor.accountId,
          action: event.type === 'action' || event.type === 'form' ? event.action : '',
        });
        return refuse(event, forged);
      }
      const requestEnv = requestEnvOf();
      // Work that must not hold the database (a drand round, a rendered export) is done first, from a short read.
      const read: PrefetchContext['read'] = (work) => store.transaction(async (repos) => work(repos, await resolveActor(repos, event, dispatcher)));
      if (event.type === 'action' || event.type === 'form') {
        const data = { payload: event.payload, values: event.type === 'form' ? event.values : {} };
        await dispatcher.prefetchAction({ env: requestEnv, read }, event.action, data);
      }
      const prepared = event.type === 'command' ? await dispatcher.prepareCommand({ env: requestEnv, read, origin: originOf(event) }, event.text) : undefined;
      const file = event.type === 'file' ? await fetchUpload(event) : undefined;
      const reply = await store.transaction(async (txRepos): Promise<InboundReply | 'duplicate'> => {
        const repos = orderedBy(txRepos, event, env.clock.now());
        // Recorded and looked up at once (pipelined on PostgreSQL); a duplicate's lookup is wasted, not harmful.
        const [recorded, found] = await Promise.all([repos.inbound.recordOnce(event.dedupeKey, event.chat.platform), lookUpActor(repos, event)]);
        if (!recorded) return 'duplicate';
        return runRecorded(repos, event, found, requestEnv, { file, prepared });
      });
      if (reply === 'duplicate') {
        logger.debug('duplicate delivery dropped', { key: event.dedupeKey });
        return { toast: { kind: 'info', text: '已处理过这次操作。' } };
      }
      deps.onCommitted?.();
      if (reply.card && (event.type === 'action' || event.type === 'form') && event.messageId)
        await deps.cards?.record(event.chat.platform, event.messageId, reply.card);
      return reply;
    } catch (error) {
      if (error instanceof AppError) return refuse(event, error.message);
      const failure = new EventError(error, event);
      logger.error(failure.message, { ...failure.context, error: failure });
      const text = '系统处理出错，操作未生效，请稍后重试。';
      // The delivery is not recorded, so a platform retry runs it again; the person hears of it now.
      if (event.type === 'command' || event.type === 'file') {
        await store
          .transaction((repos) =>
            repos.outbox.enqueue([{ agencyId: null, to: replyTarget(event), message: { type: 'text', text }, idempotencyKey: `error:${event.dedupeKey}` }]),
          )
          .then(() => deps.onCommitted?.())
          .catch((e: unknown) => logger.error('could not queue the error reply', { error: e }));
      }
      return { toast: { kind: 'error', text } };
    }
  };
  return Object.assign(sink, { batch });
}
