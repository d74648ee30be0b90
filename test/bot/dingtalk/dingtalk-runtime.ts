/**
 * The whole bot as `npm start` builds it with DingTalk configured (HTTP or Stream mode), on a fresh
 * test database with the demo data, a fixed clock and fixed randomness, talking to the fake
 * DingTalk. Deliveries are signed (HTTP) or pushed as Stream frames exactly as DingTalk sends them;
 * a card callback's answer is applied to the fake's card as DingTalk applies it.
 */
import { memoryEvidenceStore } from '../../../src/storage/memory-evidence-store';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../../src/app/ports/clock';
import { fixedRandom } from '../../../src/app/ports/random';
import { bindFromCli, linkFromCli } from '../../support/cli-operator';
import { loadConfig } from '../../../src/config';
import { rowsOf } from '../../../src/db/client';
import { createDrizzleStore } from '../../../src/db/store';
import { buildNodeRuntime, type NodeRuntime } from '../../../src/deps';
import { robotMessagePayload, signedHeaders } from '../../fakes/dingtalk-deliveries';
import { FAKE_CARD_TEMPLATE, FAKE_FORM_TEMPLATE, startFakeDingtalk, type DtCard, type FakeDingtalkOptions } from '../../fakes/dingtalk-server';
import { openTestDatabase, type DbKind } from '../../support/test-db';
import { capturingLogger } from '../feishu/feishu-runtime';
import { TEST_DRAW_KEY } from '../../support/draw-key';

export const DT_GROUP = 'cidYanshiBureauGroup==';
/** Fake DingTalk userId (staffId) of a demo person (`officer-03` → `staff_officer03`). */
export const staffOf = (localId: string) => `staff_${localId.replace(/-/g, '')}`;

export async function startDingtalkRuntime(
  kind: DbKind,
  opts: { mode?: 'http' | 'stream'; fake?: FakeDingtalkOptions; env?: Record<string, string>; formTemplate?: boolean } = {},
) {
  const mode = opts.mode ?? 'http';
  const fake = await startFakeDingtalk({ redeliverMs: 60_000, ...opts.fake });
  const clock = fixedClock('2026-03-02T01:30:00Z');
  const database = await openTestDatabase(kind);
  const logger = capturingLogger();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOCAL_CHAT: '0',
    DEMO_DATA: '1',
    DINGTALK_APP_KEY: fake.appKey,
    DINGTALK_APP_SECRET: fake.appSecret,
    DINGTALK_MODE: mode,
    DINGTALK_BASE_URL: fake.url,
    DINGTALK_CARD_TEMPLATE_ID: FAKE_CARD_TEMPLATE,
    ...(opts.formTemplate === false ? {} : { DINGTALK_FORM_TEMPLATE_ID: FAKE_FORM_TEMPLATE }),
    ...opts.env,
  });
  const runtime: NodeRuntime = await buildNodeRuntime(config, logger, {
    clock,
    random: fixedRandom(11),
    drawKey: TEST_DRAW_KEY,
    database,
    background: false,
    dingtalkStream: mode === 'stream',
    evidence: memoryEvidenceStore(),
  });
  const store = createDrizzleStore(database.db, clock);
  let seq = 0;

  async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
    return rowsOf<T>(await database.db.execute(q));
  }
  async function connected(): Promise<void> {
    for (let i = 0; i < 200 && runtime.dingtalk?.stream?.status().state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 25));
    if (runtime.dingtalk?.stream?.status().state !== 'connected') throw new Error('the Stream connection did not come up');
  }
  if (mode === 'stream') await connected();

  const t = {
    mode,
    fake,
    clock,
    database,
    logger,
    runtime,
    store,
    query,
    connected,
    /** A text message from `localId`: in the group it @s the robot (text with a leading space). Waits until handled. */
    async say(localId: string, text: string, o: { p2p?: boolean; msgId?: string; group?: string; at?: string[] } = {}) {
      const p2p = o.p2p ?? false;
      const payload = robotMessagePayload({
        text: p2p ? text : ` ${text}`,
        senderStaffId: staffOf(localId),
        conversationId: p2p ? `cidp2p_${staffOf(localId)}` : (o.group ?? DT_GROUP),
        group: !p2p,
        msgId: o.msgId ?? `msgin${++seq}`,
        robotCode: fake.appKey,
        ...(o.at ? { atStaffIds: o.at.map(staffOf) } : {}),
      });
      if (mode === 'stream') {
        await fake.push('/v1.0/im/bot/messages/get', payload);
        await runtime.settle();
        return { status: 200 };
      }
      const res = await runtime.app.request('/dingtalk/events', {
        method: 'POST',
        headers: signedHeaders(fake.appSecret, clock.now().getTime()),
        body: JSON.stringify(payload),
      });
      await runtime.settle();
      return { status: res.status };
    },
    /** `localId` clicks the button `label` on `card` (with `form` values for a submit); returns the callback's answer. */
    async click(localId: string, card: DtCard, label: string, form?: Record<string, string>) {
      if (mode === 'stream') return (await fake.clickOverStream(card.outTrackId, staffOf(localId), label, form)).response as Record<string, unknown>;
      const data = fake.clickData(card.outTrackId, staffOf(localId), label, form);
      const res = await runtime.app.request('/dingtalk/cards', {
        method: 'POST',
        headers: signedHeaders(fake.appSecret, clock.now().getTime()),
        body: JSON.stringify(data),
      });
      const body = (await res.json()) as Record<string, unknown>;
      fake.applyCallbackResponse(card.outTrackId, staffOf(localId), body);
      return body;
    },
    async flush() {
      await runtime.settle();
      return runtime.outbox.drain();
    },
    async outboxCount() {
      return (await query<{ n: number }>(sql`select count(*)::int as n from outbox`))[0]!.n;
    },
    /** The clicker's private notice on a card (a toast's stand-in). */
    notice: (card: DtCard, localId: string) => card.privateData[staffOf(localId)]?.['notice'] ?? '',
    /** The texts sent to a chat (a group id, or a person's userId). */
    texts: (to: string) => fake.textsTo(to),
    /** Links every demo person to `staff_<localId>` on DingTalk and binds DT_GROUP, through the CLI functions. */
    async linkEveryone(group = DT_GROUP) {
      const people = await query<{ local_id: string }>(sql`select local_id from people where local_id is not null order by id`);
      const [agency] = await query<{ id: number }>(sql`select id from agencies order by id limit 1`);
      for (const p of people) await linkFromCli(store, agency!.id, { platform: 'dingtalk', person: p.local_id, account: staffOf(p.local_id) });
      await bindFromCli(store, agency!.id, { platform: 'dingtalk', chat: group });
    },
    async close() {
      await runtime.stop();
      await fake.close();
    },
  };
  return t;
}

export type DingtalkRuntime = Awaited<ReturnType<typeof startDingtalkRuntime>>;
