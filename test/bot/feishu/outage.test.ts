/**
 * Delivery through outages, against the fake Feishu Open API with the clock injected: a
 * ten-minute outage and then recovery (each reply delivered once, in order), retries that run
 * out (failed, administrators told once), an app secret the platform refuses (10014: retried,
 * administrators told once, everything sent once the secret is fixed), and replies in the order
 * of the messages that caused them, not of their commits.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-db';
import { GROUP, buttonValue, openIdOf, p2pOf, startFeishuRuntime, titleOf, type FeishuRuntime } from './feishu-runtime';

interface Row {
  id: number;
  status: string;
  attempts: number;
  idempotency_key: string;
  last_error: string | null;
}
const rows = (t: FeishuRuntime) => t.query<Row>(sql`select id, status, attempts, idempotency_key, last_error from outbox order by id`);
const notices = async (t: FeishuRuntime) => (await rows(t)).filter((r) => r.idempotency_key.startsWith('notice:'));
const MINUTE = 60_000;

for (const kind of databaseKinds()) {
  describe(`delivery through outages [${kind}]`, () => {
    let t: FeishuRuntime | undefined;
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });

    it('a ten-minute outage: nothing is given up, and after it each reply goes out once, in order', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      t.fake.outage({ status: 503, code: 0, msg: 'service unavailable' });
      await t.say('leader', '/help');
      await t.say('leader', '/status');
      await t.say('admin', '/people');
      for (let elapsed = 0; elapsed < 10 * MINUTE; elapsed += MINUTE) {
        await t.flush();
        t.clock.advance(MINUTE);
      }
      expect(t.fake.messagesTo(GROUP)).toEqual([]);
      expect((await rows(t)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
      expect(await notices(t)).toEqual([]);
      t.fake.outage(undefined);
      for (let i = 0; i < 5; i++) {
        t.clock.advance(10 * MINUTE);
        await t.flush();
      }
      const replies = t.fake.messagesTo(GROUP);
      expect(replies).toHaveLength(3);
      expect(new Set(replies.map((r) => r.uuid)).size).toBe(3);
      expect((await rows(t)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
      expect(replies.map((r) => titleOf(r.content))).toEqual([
        expect.stringContaining('使用说明'),
        expect.stringContaining('进度'),
        expect.stringContaining('人员'),
      ]);
    });

    it('retries that run out: failed, the administrators told once with who and what, /outbox lists it', async () => {
      t = await startFeishuRuntime(kind, { env: { OUTBOX_RETRY_HOURS: '1' } });
      await t.linkEveryone();
      t.fake.outage({ status: 500, code: 0, msg: 'internal error' });
      await t.say('leader', '/status');
      for (let i = 0; i < 20 && (await rows(t))[0]!.status !== 'failed'; i++) {
        t.clock.advance(10 * MINUTE);
        await t.flush();
      }
      const [reply] = await rows(t);
      expect(reply).toMatchObject({ status: 'failed', last_error: expect.stringContaining('500') });
      expect(t.logger.lines.some((l) => l.level === 'error' && l.msg === 'send failed: retries ran out')).toBe(true);
      const told = await notices(t);
      expect(told).toHaveLength(1);
      t.fake.outage(undefined);
      t.clock.advance(10 * MINUTE);
      await t.flush();
      const [notice] = t.texts(openIdOf('admin'));
      expect(notice).toContain('未能送达');
      expect(notice).toContain(`工作群 ${GROUP}`);
      expect(notice).toContain('卡片「');
      expect(notice).toContain('/outbox');
      expect(await notices(t)).toHaveLength(1);

      // /outbox: the administrator sees it and resends it; a leader may not.
      await t.say('leader', '/outbox', { p2p: true });
      await t.flush();
      expect(t.texts(p2pOf('leader')).at(-1)).toContain('只有管理员可以处理未送达的消息');
      await t.say('admin', '/outbox', { p2p: true });
      await t.flush();
      const list = t.lastCard(p2pOf('admin'), '未送达的消息（1 条）');
      expect(JSON.stringify(list.card)).toContain(`工作群 ${GROUP}`);
      const before = t.fake.messagesTo(GROUP).length;
      const res = await t.click('admin', { messageId: list.messageId, chat: p2pOf('admin'), value: buttonValue(list.card, `重发 #${reply!.id}`) });
      expect(res.body).toMatchObject({ toast: { type: 'success' } });
      expect((await rows(t))[0]).toMatchObject({ status: 'pending', attempts: 0 });
      await t.flush();
      expect(t.fake.messagesTo(GROUP)).toHaveLength(before + 1);
      expect((await rows(t))[0]).toMatchObject({ status: 'sent' });
      // The same button again: already delivered, nothing happens.
      const again = await t.click('admin', { messageId: list.messageId, chat: p2pOf('admin'), value: buttonValue(list.card, `重发 #${reply!.id}`) });
      expect(again.body).toMatchObject({ toast: { type: 'info', content: expect.stringContaining('已送达') } });
    });

    it('放弃 on /outbox: the message is never sent, and the decision is audited', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      await t.say('leader', '/status');
      t.fake.failNext(1, { status: 400, code: 230002, msg: 'Bot is not in the chat' });
      await t.flush();
      const [failed] = await rows(t);
      expect(failed).toMatchObject({ status: 'failed' });
      await t.say('admin', '/outbox', { p2p: true });
      await t.flush();
      const list = t.lastCard(p2pOf('admin'), '未送达的消息');
      const res = await t.click('admin', { messageId: list.messageId, chat: p2pOf('admin'), value: buttonValue(list.card, `放弃 #${failed!.id}`) });
      expect(res.body).toMatchObject({ toast: { type: 'info' } });
      expect(JSON.stringify(res.body)).toContain('全部送达');
      t.clock.advance(3_600_000);
      const calls = t.fake.deliveries.length;
      await t.flush();
      expect(t.fake.deliveries).toHaveLength(calls);
      expect((await rows(t))[0]).toMatchObject({ status: 'abandoned' });
      const audit = await t.query<{ action: string }>(sql`select action from audit_log where action like 'outbox.%'`);
      expect(audit.map((a) => a.action)).toEqual(['outbox.abandoned']);
    });

    it('an app secret Feishu refuses (10014): retried, administrators told once, all sent once it is fixed', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      t.fake.setAppSecret('rotated-in-the-console');
      await t.say('leader', '/status');
      await t.say('leader', '/help');
      for (let i = 0; i < 6; i++) {
        await t.flush();
        t.clock.advance(10 * MINUTE);
      }
      const all = await rows(t);
      expect(all.filter((r) => !r.idempotency_key.startsWith('notice:')).map((r) => r.status)).toEqual(['pending', 'pending']);
      expect(all[0]!.last_error).toContain('10014');
      expect(await notices(t)).toHaveLength(1);
      expect(t.logger.lines.some((l) => l.level === 'error' && l.msg.includes('rejects our credentials'))).toBe(true);
      // The administrator puts the new secret in place (here: the platform accepts ours again).
      t.fake.setAppSecret('fake-secret');
      for (let i = 0; i < 3; i++) {
        t.clock.advance(10 * MINUTE);
        await t.flush();
      }
      expect(t.fake.messagesTo(GROUP)).toHaveLength(2);
      expect(t.texts(openIdOf('admin')).join('\n')).toContain('应用凭证');
      expect((await rows(t)).every((r) => r.status === 'sent')).toBe(true);
    });

    it('replies follow the order the messages were sent in, not the order they were handled', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      const sent = t.clock.now().getTime();
      // The later message is handled first (a slow first delivery, a platform retry…).
      await t.say('leader', '/help', { createTime: sent - 1000 });
      await t.say('leader', '/status', { createTime: sent - 5000 });
      await t.flush();
      const replies = t.fake.messagesTo(GROUP);
      expect(replies.map((r) => titleOf(r.content))).toEqual([expect.stringContaining('进度'), expect.stringContaining('使用说明')]);
    });
  });
}
