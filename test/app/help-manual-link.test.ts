/**
 * `/help` ends with a link to the asker's page of the manual: absolute under PUBLIC_BASE_URL (what
 * Feishu and DingTalk can open), else the path on the bot's own address; each messenger shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardSection, CardView } from '../../src/app/views/card-view';
import { renderDingtalkCard } from '../../src/bot/dingtalk/render';
import { renderFeishuCard } from '../../src/bot/feishu/render';
import { cardText as cliCardText } from '../../src/cli/use-case-output';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';

type Link = Extract<CardSection, { type: 'link' }>;

const linkOf = (card: CardView): Link[] => card.sections.filter((s): s is Link => s.type === 'link');

async function helpFor(t: TestRuntime<'memory'>, as: string): Promise<CardView> {
  await t.chat.say(as, '/help', 'dm');
  return t.chat.lastCard(t.chat.dm(as), 'help').card;
}

describe('/help links to the manual page of the asker’s role', () => {
  describe('without PUBLIC_BASE_URL', () => {
    let t: TestRuntime<'memory'>;
    beforeAll(async () => {
      t = await startTestRuntime({ kind: 'memory' });
    });
    afterAll(() => t?.close());

    it.each([
      ['leader', '使用手册（局领导）', '/manual/leader'],
      ['officer-01', '使用手册（执法人员）', '/manual/officer'],
      ['admin', '使用手册（管理员）', '/manual/admin'],
    ])('%s gets %s at %s, as the card’s last section', async (as, text, url) => {
      const card = await helpFor(t, as);
      expect(linkOf(card)).toEqual([{ type: 'link', text, url }]);
      expect(card.sections.at(-1)).toEqual({ type: 'link', text, url });
    });

    it('serves the page it links to', async () => {
      for (const as of ['leader', 'officer-01', 'admin']) {
        const [link] = linkOf(await helpFor(t, as));
        const res = await t.runtime.app.request(link!.url);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain(`aria-current="page">${link!.text.slice(5, -1)}</a>`);
      }
    });
  });

  describe('with PUBLIC_BASE_URL', () => {
    let t: TestRuntime<'memory'>;
    beforeAll(async () => {
      t = await startTestRuntime({ kind: 'memory', env: { PUBLIC_BASE_URL: 'https://bot.example.gov.cn/' } });
    });
    afterAll(() => t?.close());

    it('links absolutely, without a double slash', async () => {
      expect(linkOf(await helpFor(t, 'leader'))[0]!.url).toBe('https://bot.example.gov.cn/manual/leader');
      expect(linkOf(await helpFor(t, 'officer-01'))[0]!.url).toBe('https://bot.example.gov.cn/manual/officer');
    });
  });
});

describe('a link section on each messenger', () => {
  const card = (url: string): CardView => ({ key: 'help', title: '使用说明', tone: 'neutral', sections: [{ type: 'link', text: '使用手册（局领导）', url }] });

  it('is a markdown link on Feishu and DingTalk when the address is absolute', () => {
    const absolute = card('https://bot.example.gov.cn/manual/leader');
    expect(JSON.stringify(renderFeishuCard(absolute))).toContain('[使用手册（局领导）](https://bot.example.gov.cn/manual/leader)');
    expect(JSON.stringify(renderDingtalkCard(absolute))).toContain('[使用手册（局领导）](https://bot.example.gov.cn/manual/leader)');
  });

  it('is plain text there when it is only a path (a chat app cannot open it)', () => {
    const relative = card('/manual/leader');
    for (const rendered of [JSON.stringify(renderFeishuCard(relative)), JSON.stringify(renderDingtalkCard(relative))]) {
      expect(rendered).toContain('使用手册（局领导）：/manual/leader');
      expect(rendered).not.toContain('](/manual');
    }
  });

  it('is a line of text at the command line', () => {
    expect(cliCardText(card('/manual/leader'))).toContain('使用手册（局领导）：/manual/leader');
  });
});
