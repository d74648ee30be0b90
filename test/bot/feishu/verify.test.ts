import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import {
  checkFeishuTimestamp,
  checkVerificationToken,
  decryptFeishu,
  encryptFeishu,
  feishuSignature,
  parseFeishuTimestamp,
  verifyFeishuSignature,
} from '../../../src/bot/feishu/verify';
import { quietSdkLogger } from '../../../src/bot/feishu/client';
import { buildDelivery, messageEventPayload } from '../../fakes/feishu-deliveries';

describe('AES', () => {
  it('decrypts the official Feishu sample', () => {
    expect(decryptFeishu('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });
  it('round-trips UTF-8 and refuses a wrong key or garbage', () => {
    const enc = encryptFeishu('{"text":"抽查 冶金"}', 'k1');
    expect(decryptFeishu(enc, 'k1')).toBe('{"text":"抽查 冶金"}');
    // A fixed IV: with a random one, a wrong key passes the padding check 1 time in 256.
    const fixed = encryptFeishu('{"text":"抽查 冶金"}', 'k1', Buffer.alloc(16, 7));
    expect(() => decryptFeishu(fixed, 'k2')).toThrow();
    expect(() => decryptFeishu('bm90IGNpcGhlcnRleHQ=', 'k1')).toThrow();
  });
});

describe('signature', () => {
  const body = '{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}';
  it('matches the self-computed vector from the research notes', () => {
    expect(feishuSignature('1700000000', 'abc', 'test key', body)).toBe('0c09d96c2aef2ad08179b3967ea410bbc91dab24ce3aec05af962cf1935844af');
  });
  it('is checked over the raw bytes, also when the body is not compact JSON (the SDK fails there)', async () => {
    const d = buildDelivery(messageEventPayload({ token: 'vt', text: 'x' }), { encryptKey: 'ek', spaceAfterColon: true, timestamp: '1700000000' });
    expect(d.body).toContain('"encrypt": "');
    const input = {
      timestamp: d.headers['x-lark-request-timestamp'],
      nonce: d.headers['x-lark-request-nonce'],
      signature: d.headers['x-lark-signature'],
      encryptKey: 'ek',
    };
    expect(verifyFeishuSignature({ ...input, rawBody: d.body })).toBe(true);
    expect(verifyFeishuSignature({ ...input, rawBody: new TextEncoder().encode(d.body) })).toBe(true);
    // The SDK re-serialises the parsed body, so the same genuine delivery fails its check.
    const dispatcher = new lark.EventDispatcher({ encryptKey: 'ek', logger: quietSdkLogger() }).register({ 'im.message.receive_v1': () => 'handled' });
    const data = Object.assign(Object.create({ headers: d.headers }), JSON.parse(d.body));
    expect(await dispatcher.invoke(data)).toBeUndefined();
    // ...while the compact form of the same kind of delivery passes it.
    const compact = buildDelivery(messageEventPayload({ token: 'vt', text: 'x' }), { encryptKey: 'ek', timestamp: '1700000000' });
    expect(await dispatcher.invoke(Object.assign(Object.create({ headers: compact.headers }), JSON.parse(compact.body)))).toBe('handled');
  });
  it('refuses a tampered body, a wrong key and missing headers', () => {
    const sig = feishuSignature('1', 'n', 'k', body);
    expect(verifyFeishuSignature({ timestamp: '1', nonce: 'n', signature: sig, rawBody: `${body} `, encryptKey: 'k' })).toBe(false);
    expect(verifyFeishuSignature({ timestamp: '1', nonce: 'n', signature: sig, rawBody: body, encryptKey: 'other' })).toBe(false);
    expect(verifyFeishuSignature({ timestamp: '1', nonce: undefined, signature: sig, rawBody: body, encryptKey: 'k' })).toBe(false);
    expect(verifyFeishuSignature({ timestamp: '1', nonce: 'n', signature: 'short', rawBody: body, encryptKey: 'k' })).toBe(false);
  });
});

describe('timestamp window', () => {
  const now = new Date(1_700_000_000_000);
  it('parses seconds, milliseconds and HTTP dates, and nothing else', () => {
    expect(parseFeishuTimestamp('1700000000')).toBe(1_700_000_000);
    expect(parseFeishuTimestamp('1700000000123')).toBe(1_700_000_000);
    expect(parseFeishuTimestamp('Tue, 14 Nov 2023 22:13:20 GMT')).toBe(1_700_000_000);
    expect(parseFeishuTimestamp('soon')).toBeUndefined();
    expect(parseFeishuTimestamp(undefined)).toBeUndefined();
  });
  it('accepts within 5 minutes either way and refuses beyond', () => {
    expect(checkFeishuTimestamp('1700000299', now)).toBeNull();
    expect(checkFeishuTimestamp('1699999701', now)).toBeNull();
    expect(checkFeishuTimestamp('1699999699', now)).toMatch(/outside window/);
    expect(checkFeishuTimestamp('1700000301', now)).toMatch(/outside window/);
    expect(checkFeishuTimestamp(undefined, now)).toBe('missing timestamp');
    expect(checkFeishuTimestamp('garbage', now)).toBe('unparseable timestamp');
  });
});

describe('verification token', () => {
  it('reads header.token for schema 2.0 and the top-level token for v1 / url_verification', () => {
    expect(checkVerificationToken({ schema: '2.0', header: { token: 'vt' }, token: 'x' }, 'vt')).toBe(true);
    expect(checkVerificationToken({ schema: '2.0', header: { token: 'no' } }, 'vt')).toBe(false);
    expect(checkVerificationToken({ type: 'url_verification', token: 'vt', challenge: 'c' }, 'vt')).toBe(true);
    expect(checkVerificationToken({ uuid: 'u', token: 'vt2', event: {} }, 'vt')).toBe(false);
    expect(checkVerificationToken({ type: 'url_verification' }, 'vt')).toBe(false);
  });
});
