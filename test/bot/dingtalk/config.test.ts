import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';

const DT = { DINGTALK_APP_KEY: 'dingkey', DINGTALK_APP_SECRET: 'secret', DINGTALK_CARD_TEMPLATE_ID: 'g.schema' };

describe('DingTalk configuration', () => {
  it('is off by default and on with key, secret and card template; the robot code defaults to the AppKey', () => {
    expect(loadConfig({}).dingtalk).toBeUndefined();
    expect(loadConfig(DT)).toMatchObject({
      localChat: false,
      dingtalk: {
        robotCode: 'dingkey',
        mode: 'http',
        baseUrl: 'https://api.dingtalk.com',
        oapiBaseUrl: 'https://oapi.dingtalk.com',
        templates: { general: 'g.schema' },
        cardRouteKey: 'double-random-bot',
      },
    });
    expect(
      loadConfig({ ...DT, DINGTALK_MODE: 'stream', DINGTALK_FORM_TEMPLATE_ID: 'f.schema', DINGTALK_BASE_URL: 'http://127.0.0.1:1/' }).dingtalk,
    ).toMatchObject({
      mode: 'stream',
      baseUrl: 'http://127.0.0.1:1',
      // A fake serves both hosts.
      oapiBaseUrl: 'http://127.0.0.1:1',
      templates: { general: 'g.schema', form: 'f.schema' },
    });
    expect(loadConfig({ ...DT, DINGTALK_OAPI_BASE_URL: 'https://oapi.example.gov.cn/' }).dingtalk?.oapiBaseUrl).toBe('https://oapi.example.gov.cn');
  });
  it('names what is missing or wrong', () => {
    expect(() => loadConfig({ DINGTALK_APP_KEY: 'k', DINGTALK_APP_SECRET: 's' })).toThrow(/DINGTALK_CARD_TEMPLATE_ID/);
    expect(() => loadConfig({ ...DT, DINGTALK_MODE: 'webhook' })).toThrow(/DINGTALK_MODE/);
  });
});
