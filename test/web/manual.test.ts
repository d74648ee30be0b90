/**
 * The user manual: its markdown (docs/manual) against the command table, its pictures and links,
 * the generated module the route renders from, and the `/manual` route of the running app.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDraw } from '../../src/app/commands/parse-draw';
import { parseTaskFilter } from '../../src/app/commands/parse-task-filter';
import { APP_TABLE, type ActionName } from '../../src/app/commands/table';
import { createDispatcher } from '../../src/app/dispatch';
import { MANUAL_PAGES, manualPath } from '../../src/app/manual-link';
import { MANUAL_IMAGES, MANUAL_MARKDOWN } from '../../src/web/manual/content.generated';
import { GENERATED_MODULE, manualModuleSource, MANUAL_DIR } from '../../src/web/manual/module-source';
import { headingId } from '../../src/web/manual/render';
import { manualRoutes } from '../../src/web/manual/routes';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';

const root = process.cwd();
const IMAGE_DIR = join(root, MANUAL_DIR, 'images');
const markdownOf = (page: string) => readFileSync(join(root, MANUAL_DIR, `${page}.md`), 'utf8');
const pages = MANUAL_PAGES.map((page) => ({ page, text: markdownOf(page) }));
const whole = pages.map((p) => p.text).join('\n');

/**
 * The label of every card action's button(s), as the views show them. A new action does not
 * compile until it is listed here, and then the manual has to name its button.
 */
const BUTTON_LABELS = {
  'draw.execute': ['确认抽取'],
  'draw.abandon': ['放弃', '确认放弃'],
  'draw.cancel': ['确认放弃', '同意撤销'],
  'draw.keep': ['不放弃', '不撤销'],
  'task.confirm': ['确认接收'],
  'task.recusal_form': ['申请回避'],
  'task.recuse': ['提交回避申请'],
  'task.plan': ['现场检查方案'],
  'task.open': ['打开'],
  'task.findings_form': ['填报检查结果'],
  'task.findings_items': ['下一步'],
  'task.findings_notes': ['下一步'],
  'task.hazard_add': ['添加隐患'],
  'task.hazard_remove': ['删除第 N 条'],
  'task.findings_step': ['下一步：处理与签字', '返回上一步'],
  'task.findings': ['提交检查结果'],
  'task.publish': ['已公示'],
  'task.documents': ['执法文书'],
  'task.recheck': ['复查：企业简称', '整改复查'],
  'task.recheck_submit': ['提交复查结果'],
  'task.evidence_focus': ['上传证据'],
  'outbox.resend': ['重发'],
  'outbox.abandon': ['放弃'],
  'recusal.approve': ['同意'],
  'recusal.reject_form': ['不同意'],
  'recusal.reject': ['确认不同意'],
  'recusal.order': ['决定回避'],
  'plan.edit': ['编辑计划'],
  'plan.save': ['保存计划', '保存修改'],
  'import.confirm': ['确认导入'],
  'import.cancel': ['取消'],
} satisfies Record<ActionName, readonly string[]>;

/** `![alt](images/x.png)` → `x.png`, in order. */
const imagesIn = (text: string) => [...text.matchAll(/!\[[^\]]*\]\(images\/([^)]+)\)/g)].map((m) => m[1]!);

describe('the manual covers the command table', () => {
  it.each(APP_TABLE.commands.map((c) => [c.words[0]]))('names /%s', (word) => {
    expect(whole).toContain(`/${word}`);
  });

  it('names /help', () => {
    expect(whole).toContain('/help');
  });

  it.each(APP_TABLE.actions.map((a) => [a.name]))('names the button(s) of %s', (name) => {
    const labels: readonly string[] = BUTTON_LABELS[name as ActionName];
    expect(labels, `add the button labels of ${name} to BUTTON_LABELS`).toBeDefined();
    for (const label of labels) expect(whole).toContain(`**${label}**`);
  });
});

/** Every command the manual writes out: in `code` and in code blocks, a line that starts with a slash (web paths left out). */
const commandsIn = (text: string) =>
  [...text.matchAll(/`([^`\n]+)`/g), ...text.matchAll(/^(\/[^\n]+)$/gm)]
    .map((m) => m[1]!.trim())
    .filter((c) => c.startsWith('/') && !/^\/(manual|local|public|healthz)\b/.test(c));

describe('the commands the manual writes out', () => {
  const dispatcher = createDispatcher();
  const written = [...new Set(commandsIn(whole))];
  const today = '2026-03-02';

  it('are commands of the table, each one', () => {
    expect(written.length).toBeGreaterThan(20);
    for (const c of written) expect(dispatcher.commandOf(c), `the manual writes “${c}”, which is no command`).toBeDefined();
  });

  it('/draw examples are read as the manual says (one is the ambiguous example it explains)', () => {
    const draws = written.filter((c) => c.startsWith('/draw ') && !c.includes('…'));
    expect(draws.length).toBeGreaterThan(5);
    for (const c of draws) {
      const body = c.slice('/draw '.length);
      if (body === '冶金 2家 建材 3家') expect(() => parseDraw(body, today)).toThrow(/可以理解为分行业数量/);
      else expect(() => parseDraw(body, today), c).not.toThrow();
    }
  });

  it('/tasks examples are read as filters, none of them as an officer’s name by mistake', () => {
    const tasks = written.filter((c) => c.startsWith('/tasks '));
    expect(tasks.length).toBeGreaterThan(5);
    for (const c of tasks) {
      const filter = parseTaskFilter(c.slice('/tasks '.length));
      if (c !== '/tasks 张三') expect(filter.officer, c).toBeUndefined();
    }
  });
});

describe('the manual’s pictures', () => {
  const onDisk = readdirSync(IMAGE_DIR).filter((f) => f.endsWith('.png'));

  it('every picture a page shows exists, at both widths', () => {
    for (const { page, text } of pages) {
      for (const file of imagesIn(text)) {
        expect(existsSync(join(IMAGE_DIR, file)), `${page}.md shows images/${file}, which is missing (npm run docs:screens)`).toBe(true);
        expect(file, `${page}.md: show the desktop picture; the phone one is chosen by the page`).toMatch(/^[a-z0-9-]+-desktop\.png$/);
        expect(existsSync(join(IMAGE_DIR, file.replace(/-desktop\.png$/, '-phone.png'))), `images/${file} has no phone picture`).toBe(true);
      }
    }
  });

  it('every picture in the folder is shown somewhere (none left over)', () => {
    const shown = new Set(pages.flatMap((p) => imagesIn(p.text)).flatMap((f) => [f, f.replace(/-desktop\.png$/, '-phone.png')]));
    expect(onDisk.filter((f) => !shown.has(f))).toEqual([]);
  });

  it('every picture has alternative text', () => {
    for (const { text } of pages) expect(text).not.toMatch(/!\[\]\(/);
  });

  // 2 MB since the plans and the register import added their six pictures (1.56 MB before).
  it('are small: palette PNGs, under 2 MB together', () => {
    const sizes = onDisk.map((f) => readFileSync(join(IMAGE_DIR, f)));
    for (const [i, png] of sizes.entries()) expect(png[25], `${onDisk[i]} is not a palette PNG (npm run docs:screens compresses)`).toBe(3);
    expect(sizes.reduce((sum, b) => sum + b.length, 0)).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('the manual’s links', () => {
  const anchors = new Map(pages.map(({ page, text }) => [page, new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingId(m[1]!)))]));

  it('every link to a page of the manual names a page and a heading that exist', () => {
    for (const { page, text } of pages) {
      for (const [, target] of text.matchAll(/(?<!!)\[[^\]]*\]\(([^)]+)\)/g)) {
        if (/^https?:/.test(target!)) continue;
        const m = /^(?:([a-z]+)\.md)?(?:#(.+))?$/.exec(target!);
        expect(m, `${page}.md links to “${target}”, outside the manual`).not.toBeNull();
        const to = m![1] ?? page;
        expect(MANUAL_PAGES as readonly string[], `${page}.md links to ${to}.md`).toContain(to);
        if (m![2]) expect([...anchors.get(to as (typeof MANUAL_PAGES)[number])!], `${page}.md links to ${to}.md#${m![2]}`).toContain(decodeURIComponent(m![2]));
      }
    }
  });

  it('marks features not yet here, and only a few', () => {
    const coming = whole.match(/（此功能即将上线）/g) ?? [];
    expect(coming.length).toBeLessThanOrEqual(4);
  });
});

describe('the generated module', () => {
  it('is what docs/manual holds now (else: npm run docs:manual)', () => {
    expect(readFileSync(join(root, GENERATED_MODULE), 'utf8'), 'src/web/manual/content.generated.ts is stale: run npm run docs:manual').toBe(
      manualModuleSource(root),
    );
    for (const { page, text } of pages) expect(MANUAL_MARKDOWN[page]).toBe(text);
    expect(Object.keys(MANUAL_IMAGES).sort()).toEqual(
      readdirSync(IMAGE_DIR)
        .filter((f) => f.endsWith('.png'))
        .sort(),
    );
  });
});

describe('/manual in the running app', () => {
  let t: TestRuntime<'memory'>;
  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
  });
  afterAll(() => t?.close());
  const get = (path: string) => t.runtime.app.request(path);

  it.each(MANUAL_PAGES.map((p) => [p]))('renders %s as a phone-ready Chinese page with the nav', async (page) => {
    const res = await get(manualPath(page));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const title = /^# (.+)$/m.exec(markdownOf(page))![1]!;
    expect(html).toContain(`<title>${title} · 双随机抽查机器人使用手册</title>`);
    // Every page links to every page; the current one is marked.
    for (const other of MANUAL_PAGES) expect(html).toContain(`<a href="${manualPath(other)}"`);
    expect(html.match(/<a [^>]*aria-current="page"/g)).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<a href="${manualPath(page)}" aria-current="page">`));
    // Links between pages point at the route, never at the .md files.
    expect(html).not.toMatch(/href="[a-z]+\.md/);
  });

  it('serves every picture a page shows, with the phone picture as its small-screen source', async () => {
    const html = await (await get('/manual/leader')).text();
    expect(html).toContain(
      '<picture><source media="(max-width: 640px)" srcset="/manual/images/draw-prepared-phone.png" width="374" height="987"><img src="/manual/images/draw-prepared-desktop.png"',
    );
    for (const page of MANUAL_PAGES) {
      const shown = [...(await (await get(manualPath(page))).text()).matchAll(/(?:src|srcset)="(\/manual\/images\/[^"]+)"/g)].map((m) => m[1]!);
      for (const src of shown) {
        const res = await get(src);
        expect(res.status, src).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/png');
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(bytes.equals(readFileSync(join(IMAGE_DIR, src.slice('/manual/images/'.length))))).toBe(true);
      }
    }
  });

  it('accepts /manual/leader.md as written in the markdown, and a trailing slash', async () => {
    expect((await get('/manual/leader.md')).status).toBe(200);
    for (const [path, to] of [
      ['/manual/', '/manual'],
      ['/manual/leader/', '/manual/leader'],
    ]) {
      const res = await get(path!);
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location')).toBe(to);
    }
    expect((await get('/manual/nosuch/')).status).toBe(404);
  });

  it('answers an unknown page with 404, in Chinese, with the nav to go on', async () => {
    for (const path of ['/manual/nosuchpage', '/manual/images/nosuch-desktop.png', '/manual/leader/extra']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain('没有这一页');
      expect(html).toContain('<a href="/manual/officer"');
    }
  });

  it('serves nothing outside docs/manual, however the path is written', async () => {
    const secret = readFileSync(join(root, 'package.json'), 'utf8').slice(0, 40);
    for (const path of [
      '/manual/images/..%2F..%2F..%2Fpackage.json',
      '/manual/images/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/manual/images/..%5C..%5C..%5Cpackage.json',
      '/manual/..%2F..%2Fpackage.json',
      '/manual/%2e%2e',
      '/manual/images/draw-prepared-desktop.png%00.txt',
      '/manual/images/.png',
      '/manual/images/index.md',
      '/manual/images/%2Fetc%2Fpasswd',
      '/manual/..%2Fdraw-algorithm',
      '/manual/constructor',
      '/manual/__proto__',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const body = await res.text();
      expect(body).not.toContain(secret);
      expect(body).not.toContain('root:');
    }
  });

  it('looks up on disk only the names of the manual’s own pictures', async () => {
    const asked: string[] = [];
    const app = manualRoutes({
      readImage: async (name) => {
        asked.push(name);
        return new Uint8Array([1]);
      },
    });
    await app.request('/images/..%2Fpackage.json');
    await app.request('/images/nosuch.png');
    await app.request('/images/draw-prepared-desktop.png');
    expect(asked).toEqual(['draw-prepared-desktop.png']);
  });
});
