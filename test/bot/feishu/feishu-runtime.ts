/**
 * The whole bot as `npm start` builds it with Feishu configured (webhook or long-connection
 * mode), on a fresh test database with the demo data, a fixed clock and fixed randomness, talking
 * to the fake Feishu Open API. Deliveries are signed and encrypted exactly as Feishu sends them.
 */
import { memoryEvidenceStore } from '../../../src/storage/memory-evidence-store';
import { sql } from 'drizzle-orm';
import { fixedClock, type Clock } from '../../../src/app/ports/clock';
import { fixedRandom } from '../../../src/app/ports/random';
import type { OperatorContext } from '../../../src/app/operator';
import type { Repos } from '../../../src/app/ports/store';
import { bindChatToAgency } from '../../../src/app/use-cases/bind-chat';
import { linkPersonAccount } from '../../../src/app/use-cases/link-account';
import { loadConfig } from '../../../src/config';
import { rowsOf, type Database } from '../../../src/db/client';
import { createDrizzleStore } from '../../../src/db/store';
import { buildNodeRuntime, type NodeRuntime } from '../../../src/deps';
import type { Logger } from '../../../src/logger';
import { buildCardActionDelivery, buildMessageDelivery, type Delivery, type Mention } from '../../fakes/feishu-deliveries';
import { startFakeFeishuServer, type FakeFeishuOptions, type FakeFeishuServer } from '../../fakes/feishu-server';
import { openTestDatabase, type DbKind } from '../../support/test-db';
import { TEST_DRAW_KEY } from '../../support/draw-key';
import { spreadsheetWriter } from '../../../src/export/workbook';

export const ENCRYPT_KEY = 'e2e-encrypt-key';
export const TOKEN = 'e2e-verification-token';
export const GROUP = 'oc_yanshi_bureau';
export const BOT: Mention = { key: '@_user_1', openId: 'ou_fakebot', name: '双随机助手', type: 'bot' };
/** Fake open_id / p2p chat id of a demo person (`officer-03` → `ou_officer03`). */
export const openIdOf = (localId: string) => `ou_${localId.replace(/-/g, '')}`;
export const p2pOf = (localId: string) => `oc_p2p_${localId.replace(/-/g, '')}`;

/**
 * What a person sees in a chat: for a p2p chat, the messages sent to its chat id and those sent
 * to the person's open_id, which Feishu shows in that same p2p chat (the bot answers a direct
 * chat by addressing the person).
 */
function conversation(fake: FakeFeishuServer, receiveId: string) {
  const person = receiveId.startsWith('oc_p2p_') ? `ou_${receiveId.slice('oc_p2p_'.length)}` : undefined;
  return fake.deliveries.filter((d) => d.receiveId === receiveId || d.receiveId === person);
}

export type FeishuCard = Record<string, unknown>;

export function capturingLogger(): Logger & { lines: Array<{ level: string; msg: string; data?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; msg: string; data?: Record<string, unknown> }> = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => void lines.push({ level, msg, data });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A button's callback value on a rendered card, found by its label (outside or inside a form). */
export function buttonValue(card: FeishuCard, label: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const visit = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const el = v as Record<string, unknown>;
    if (el['tag'] === 'button' && (el['text'] as { content?: string } | undefined)?.content === label) {
      found = (el['value'] as Record<string, unknown> | undefined) ?? (el['behaviors'] as Array<{ value: Record<string, unknown> }>)[0]!.value;
      return;
    }
    Object.values(el).forEach(visit);
  };
  visit(card);
  if (!found) throw new Error(`no button "${label}" on card ${JSON.stringify(card).slice(0, 200)}`);
  return found;
}

export const titleOf = (card: FeishuCard) => (card['header'] as { title: { content: string } }).title.content;

/** Links every demo person to `ou_<localId>` and binds GROUP, through the use cases the CLI runs, as the CLI operator. */
export async function linkEveryoneOnFeishu(database: Database, clock: Clock): Promise<void> {
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));
  const people = await query<{ local_id: string }>(sql`select local_id from people where local_id is not null order by id`);
  const [agency] = await query<{ id: number }>(sql`select id from agencies order by id limit 1`);
  const cli = (repos: Repos): OperatorContext => ({
    repos,
    env: { clock, random: fixedRandom(11), drawKey: TEST_DRAW_KEY, spreadsheets: spreadsheetWriter },
    operator: { kind: 'cli', agencyId: agency!.id },
  });
  await createDrizzleStore(database.db, clock).transaction(async (repos) => {
    for (const p of people) await linkPersonAccount(cli(repos), { platform: 'feishu', personKey: p.local_id, account: { accountId: openIdOf(p.local_id) } });
    await bindChatToAgency(cli(repos), { platform: 'feishu', chatId: GROUP });
  });
}

export async function startFeishuRuntime(
  kind: DbKind,
  opts: { mode?: 'webhook' | 'ws'; fake?: FakeFeishuOptions; env?: Record<string, string>; logLevel?: 'debug' | 'info' } = {},
) {
  // The clock is fixed, so a 429 from the fake's real-time 5 QPS window (our pacing and its
  // window can disagree by network jitter) would wait forever; rate limits are tested by forcing them.
  const fake = await startFakeFeishuServer({ perReceiverQps: 1000, ...opts.fake });
  const clock = fixedClock('2026-03-02T01:30:00Z');
  const database = await openTestDatabase(kind);
  const logger = capturingLogger();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOCAL_CHAT: '0',
    DEMO_DATA: '1',
    FEISHU_MODE: opts.mode ?? 'webhook',
    FEISHU_APP_ID: fake.appId,
    FEISHU_APP_SECRET: fake.appSecret,
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_BASE_URL: fake.url,
    ...opts.env,
  });
  const evidence = memoryEvidenceStore();
  let runtime: NodeRuntime = await buildNodeRuntime(config, logger, {
    clock,
    random: fixedRandom(11),
    drawKey: TEST_DRAW_KEY,
    database,
    background: false,
    evidence,
  });
  const store = createDrizzleStore(database.db, clock);
  const timestamp = () => String(Math.floor(clock.now().getTime() / 1000));
  let seq = 0;

  const post = async (path: string, d: Delivery) => {
    const res = await runtime.app.request(path, { method: 'POST', headers: d.headers, body: d.body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
    return rowsOf<T>(await database.db.execute(q));
  }

  return {
    fake,
    clock,
    database,
    logger,
    get runtime() {
      return runtime;
    },
    /** A crash and a new start on the same database: the old runtime is dropped, never stopped. */
    async crashAndRestart() {
      runtime = await buildNodeRuntime(config, logger, { clock, random: fixedRandom(11), drawKey: TEST_DRAW_KEY, database, background: false, evidence });
    },
    store,
    query,
    /** A text message from `localId`; in a group it @-mentions the bot first. Waits until handled. */
    async say(
      localId: string,
      text: string,
      o: { chat?: string; p2p?: boolean; messageId?: string; eventId?: string; mentions?: Mention[]; createTime?: number } = {},
    ) {
      const p2p = o.p2p ?? false;
      const d = buildMessageDelivery({
        token: TOKEN,
        encryptKey: ENCRYPT_KEY,
        timestamp: timestamp(),
        text: p2p ? text : `${BOT.key} ${text}`,
        chatType: p2p ? 'p2p' : 'group',
        chatId: o.chat ?? (p2p ? p2pOf(localId) : GROUP),
        senderOpenId: openIdOf(localId),
        messageId: o.messageId ?? `om_in_${++seq}`,
        eventId: o.eventId,
        mentions: p2p ? (o.mentions ?? []) : [BOT, ...(o.mentions ?? [])],
        ...(o.createTime !== undefined ? { createTime: o.createTime } : {}),
      });
      const res = await post('/feishu/events', d);
      await runtime.settle();
      return res;
    },
    /**
     * A file sent by `localId`: put where the fake serves message resources, then delivered as a
     * `file` message, or an `image` message with `image` (in the person's p2p chat unless `chat`
     * says otherwise). `messageId` and `key` name it (default: new ones; the same again is a
     * redelivery). Waits until handled.
     */
    async sendFile(
      localId: string,
      name: string,
      data: Uint8Array,
      o: { chat?: string; group?: boolean; image?: boolean; messageId?: string; key?: string } = {},
    ) {
      const messageId = o.messageId ?? `om_file_${++seq}`;
      const key = o.key ?? `${o.image ? 'img_v3' : 'file_v3'}_${++seq}`;
      fake.addMessageResource(messageId, key, data, o.image ? 'image' : 'file');
      const d = buildMessageDelivery({
        token: TOKEN,
        encryptKey: ENCRYPT_KEY,
        timestamp: timestamp(),
        text: '',
        chatType: o.group ? 'group' : 'p2p',
        chatId: o.chat ?? (o.group ? GROUP : p2pOf(localId)),
        senderOpenId: openIdOf(localId),
        messageId,
        ...(o.image ? { image: { key } } : { file: { key, name } }),
      });
      const res = await post('/feishu/events', d);
      await runtime.settle();
      return res;
    },
    /** A click (or a form submit with `formValue`) on the card message `messageId` in `chat`. */
    async click(
      localId: string,
      o: { messageId: string; chat: string; value: Record<string, unknown>; formValue?: Record<string, unknown>; eventId?: string },
    ) {
      const d = buildCardActionDelivery({
        token: TOKEN,
        encryptKey: ENCRYPT_KEY,
        timestamp: timestamp(),
        operatorOpenId: openIdOf(localId),
        chatId: o.chat,
        messageId: o.messageId,
        value: o.value,
        formValue: o.formValue,
        eventId: o.eventId ?? `ev_click_${++seq}`,
      });
      return post('/feishu/cards', d);
    },
    /** Finishes background work and delivers the outbox to the fake. */
    async flush() {
      await runtime.settle();
      return runtime.outbox.drain();
    },
    async outboxCount() {
      return (await query<{ n: number }>(sql`select count(*)::int as n from outbox`))[0]!.n;
    },
    /** The latest card delivered to a chat or user whose title contains `title`, with its message id. */
    lastCard(receiveId: string, title: string) {
      const d = [...conversation(fake, receiveId)].reverse().find((m) => m.msgType === 'interactive' && titleOf(m.content).includes(title));
      if (!d)
        throw new Error(
          `no card "${title}" to ${receiveId}: ${conversation(fake, receiveId)
            .map((m) => (m.msgType === 'interactive' ? titleOf(m.content) : String(m.content['text']).slice(0, 30)))
            .join(' | ')}`,
        );
      return { messageId: d.messageId, card: d.content };
    },
    texts: (receiveId: string) =>
      conversation(fake, receiveId)
        .filter((m) => m.msgType === 'text')
        .map((m) => String(m.content['text'])),
    /** Links every demo person to `ou_<localId>` and binds GROUP, through the use cases the CLI runs, as the CLI operator. */
    linkEveryone: () => linkEveryoneOnFeishu(database, clock),
    async close() {
      await runtime.stop();
      await fake.close();
    },
  };
}

export type FeishuRuntime = Awaited<ReturnType<typeof startFeishuRuntime>>;
