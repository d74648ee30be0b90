/**
 * Stream mode against the fake gateway and frame server, through the real SDK (`DWClient`):
 * tickets from our base URL, frames acknowledged only after the router is done with them, an
 * unacknowledged frame pushed again, and the connection state logged and reported by /healthz.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../../src/app/ports/inbound-event';
import { renderDingtalkCard } from '../../../src/bot/dingtalk/render';
import { startDingtalkStream, type DingtalkStream } from '../../../src/bot/dingtalk/stream';
import { robotMessagePayload } from '../../fakes/dingtalk-deliveries';
import { startFakeDingtalk, type FakeDingtalk } from '../../fakes/dingtalk-server';
import { background, silentLogger } from '../feishu/helpers';

const ROBOT_TOPIC = '/v1.0/im/bot/messages/get';
const until = async (ok: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const message = (msgId: string) => robotMessagePayload({ text: ' /help', senderStaffId: 's1', conversationId: 'cidG==', group: true, msgId, robotCode: 'rc' });

let fake: FakeDingtalk | undefined;
let stream: DingtalkStream | undefined;
afterEach(async () => {
  stream?.close();
  await fake?.close();
});

function connect(sink: (e: InboundEvent) => Promise<object>, redeliverMs = 60_000) {
  const logger = silentLogger();
  const bg = background();
  return (async () => {
    fake = await startFakeDingtalk({ redeliverMs });
    stream = startDingtalkStream({
      appKey: fake.appKey,
      appSecret: fake.appSecret,
      baseUrl: fake.url,
      sink,
      messenger: { render: (c) => renderDingtalkCard(c), updateCard: async () => {} },
      runInBackground: bg.run,
      logger: { ...logger },
      backoffMs: () => 50,
    });
    await until(() => stream!.status().state === 'connected');
    return { fake, stream, logger };
  })();
}

describe('DingTalk Stream mode', () => {
  it('asks our gateway URL for a ticket, subscribed to robot messages and card callbacks', async () => {
    const { fake } = await connect(async () => ({}));
    expect(fake.gatewayRequests).toHaveLength(1);
    expect(fake.gatewayRequests[0]).toMatchObject({ clientId: fake.appKey, clientSecret: fake.appSecret });
    expect(fake.gatewayRequests[0]!['subscriptions']).toEqual(
      expect.arrayContaining([
        { type: 'CALLBACK', topic: ROBOT_TOPIC },
        { type: 'CALLBACK', topic: '/v1.0/card/instances/callback' },
      ]),
    );
  });

  it('acknowledges a frame only after the router has finished with it', async () => {
    const order: string[] = [];
    const { fake } = await connect(async (e) => {
      await new Promise((r) => setTimeout(r, 200));
      order.push(`recorded ${e.dedupeKey}`);
      return {};
    });
    const ack = fake.push(ROBOT_TOPIC, message('m1'));
    void ack.then(() => order.push('acked'));
    await ack;
    expect(order).toEqual(['recorded dingtalk:msg:m1', 'acked']);
    expect((await ack).code).toBe(200);
  });

  it('a frame the router failed on is left unacknowledged and handled when DingTalk pushes it again', async () => {
    let calls = 0;
    const { fake, logger } = await connect(async () => {
      if (++calls === 1) throw new Error('database down');
      return {};
    }, 150);
    const ack = await fake.push(ROBOT_TOPIC, message('m2'), 'frame-1');
    expect(calls).toBe(2);
    expect(fake.pushed.get('frame-1')).toMatchObject({ pushes: 2, acked: { messageId: 'frame-1' } });
    expect(ack.messageId).toBe('frame-1');
    expect(logger.lines.some((l) => l.level === 'error' && String(l.args[0]).includes('unacknowledged'))).toBe(true);
  });

  it('logs the connection state at info and reconnects after the connection drops', async () => {
    const { fake, stream, logger } = await connect(async () => ({}));
    expect(logger.lines.filter((l) => l.level === 'info').map((l) => l.args[0])).toEqual(['dingtalk stream: connected']);
    fake.dropConnections();
    await until(() => stream.status().state !== 'connected');
    await until(() => stream.status().state === 'connected' && fake!.connectionsOpened === 2);
    expect(logger.lines.map((l) => l.args[0])).toEqual(
      expect.arrayContaining(['dingtalk stream: disconnected', 'dingtalk stream: connecting', 'dingtalk stream: connected']),
    );
    // Frames still arrive on the new connection.
    expect((await fake.push(ROBOT_TOPIC, message('m3'))).code).toBe(200);
    expect(fake.openSockets()).toBe(1);
  });
});
