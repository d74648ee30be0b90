/**
 * A register file sent to the robot in a DingTalk 1:1 chat, as DingTalk delivers it (a robot
 * message of msgtype `file` with a downloadCode, over HTTP or Stream): the bot fetches it through
 * messageFiles/download on the fake, answers with the preview card, and 确认导入 imports it.
 * A picture is a file event too; a file in a group changes nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enterprise } from '../../../src/domain/model';
import { enterprisesToXlsx } from '../../../src/import';
import { robotMessagePayload, signedHeaders } from '../../fakes/dingtalk-deliveries';
import { databaseKinds } from '../../support/test-db';
import { DT_GROUP, staffOf, startDingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

const ADMIN = staffOf('admin');

for (const kind of databaseKinds()) {
  for (const mode of ['http', 'stream'] as const) {
    describe(`registers from a DingTalk chat over ${mode} [${kind}]`, () => {
      let t: DingtalkRuntime;
      let register: Enterprise[];
      let seq = 0;
      const names = () => t.query<{ uscc: string; name: string; status: string }>(sql`select uscc, name, status from enterprises order by uscc`);
      async function sendFile(fileName: string, data: Uint8Array, o: { group?: boolean } = {}) {
        const code = t.fake.addSentFile(Buffer.from(data), 'application/octet-stream');
        const payload = robotMessagePayload({
          text: '',
          msgtype: 'file',
          content: { downloadCode: code, fileName },
          senderStaffId: ADMIN,
          conversationId: o.group ? DT_GROUP : `cidp2p_${ADMIN}`,
          group: !!o.group,
          msgId: `msgfile${++seq}`,
          robotCode: t.fake.appKey,
        });
        if (mode === 'stream') await t.fake.push('/v1.0/im/bot/messages/get', payload);
        else {
          const res = await t.runtime.app.request('/dingtalk/events', {
            method: 'POST',
            headers: signedHeaders(t.fake.appSecret, t.clock.now().getTime()),
            body: JSON.stringify(payload),
          });
          expect(res.status).toBe(200);
        }
        await t.flush();
      }
      beforeAll(async () => {
        t = await startDingtalkRuntime(kind, { mode });
        await t.linkEveryone();
        register = await t.store.transaction((r) => r.registers.enterprises(1));
      });
      afterAll(() => t?.close());

      it('previews a file sent in the 1:1 chat, imports it on 确认导入; a file in the group changes nothing', async () => {
        const data = await enterprisesToXlsx([{ ...register[0]!, name: '钉钉改名的企业' }, ...register.slice(1)]);
        await sendFile('名录.xlsx', data);
        const preview = t.fake.lastCard(ADMIN, '导入预览：名录.xlsx');
        expect(preview.params['markdown']).toContain('更新**：1 家');
        expect(t.fake.calls.some((c) => c.path === '/v1.0/robot/messageFiles/download')).toBe(true);
        await t.click('admin', preview, '确认导入');
        await t.flush();
        expect((await names()).find((e) => e.uscc === register[0]!.uscc)?.name).toBe('钉钉改名的企业');

        const queued = await t.outboxCount();
        await sendFile('名录.xlsx', data, { group: true });
        expect(await t.outboxCount()).toBe(queued);
      });
    });
  }
}
