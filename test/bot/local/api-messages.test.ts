/** What the local chat's API answers to what the page (or a hand-made request) gets wrong: always Chinese. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../support/test-runtime';

let rt: TestRuntime<'memory'>;
beforeAll(async () => {
  rt = await startTestRuntime({ kind: 'memory' });
});
afterAll(() => rt?.close());

async function post(path: string, body: string) {
  const res = await rt.runtime.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

/** Chinese, and none of zod's English words. */
const chinese = (text: string | undefined) => {
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).not.toMatch(/invalid|expected|received|required|undefined/i);
};

it.each([
  ['not JSON', '{bad', '请求格式不对，请刷新页面后重试。'],
  ['JSON but not an object', 'null', '请求格式不对，请刷新页面后重试。'],
  ['nothing in it', '{}', '缺少身份：请在页面上方“我是”中选择一位人员。；会话只能是工作群（group）或私聊（dm）。；消息应为文字。'],
  ['no identity', '{"conversation":"group","text":"/help"}', '缺少身份：请在页面上方“我是”中选择一位人员。'],
  ['an unknown conversation', '{"as":"leader","conversation":"x","text":"/help"}', '会话只能是工作群（group）或私聊（dm）。'],
  ['an empty message', '{"as":"leader","conversation":"group","text":"  "}', '消息不能为空'],
  ['a number for text', '{"as":"leader","conversation":"group","text":5}', '消息应为文字。'],
])('answers a message with %s in Chinese, and keeps nothing', async (_, body, error) => {
  const r = await post('/local/api/say', body);
  expect(r.status).toBe(400);
  expect(r.body.error).toBe(error);
  chinese(r.body.error);
  expect(rt.chat.group()).toEqual([]);
});

it.each([
  ['not JSON', '{bad'],
  ['no identity', '{"messageId":"m1","action":"draw.execute","payload":{},"nonce":"12345678"}'],
  ['no nonce', '{"as":"leader","messageId":"m1","action":"draw.execute","payload":{}}'],
])('answers a click with %s in Chinese', async (_, body) => {
  const r = await post('/local/api/act', body);
  expect(r.status).toBe(400);
  chinese(r.body.error);
});

it('acts as the leader on a first visit, and on an identity not in the roster says so', async () => {
  const first = (await (await rt.runtime.app.request('/local/api/state')).json()) as { as: string; notice?: string };
  expect(first).toMatchObject({ as: 'leader' });
  expect(first.notice).toBeUndefined();
  const stranger = (await (await rt.runtime.app.request('/local/api/state?as=nobody')).json()) as { as: string; notice?: string; dm: unknown[] };
  expect(stranger.as).toBe('leader');
  expect(stranger.notice).toBe('人员名录中没有“nobody”这个身份，已按局领导身份显示；可在页面上方“我是”中另选。');
});

it('answers a card click from someone not in the roster in Chinese', async () => {
  const r = await post('/local/api/act', '{"as":"nobody","messageId":"m1","action":"draw.execute","payload":{},"nonce":"12345678"}');
  chinese(r.body.error ?? (r.body as { toast?: { text: string } }).toast?.text);
});
