/**
 * The “一公开” page and its machine-readable twins, over a bureau's two years of results made
 * through the chat (test/support/published-results.ts): the page, the CSV and the JSON list the
 * same rows for the same query; nothing unpublished shows; bad queries get a Chinese 400.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDrawExport } from '../../src/domain/draw';
import { INTERNAL_NOTE, RECUSAL_REASON, RESPONSIBLE_PERSON, seedPublicRecord, type PublicRecordScenario } from '../support/published-results';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';

let t: TestRuntime<'memory'>;
let scenario: PublicRecordScenario;
beforeAll(async () => {
  t = await startTestRuntime({ kind: 'memory' });
  scenario = await seedPublicRecord(t);
});
afterAll(() => t?.close());

const get = (path: string) => t.runtime.app.request(path);
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The results table's rows as the page shows them: header → text of each cell. */
function pageRows(page: string): Array<Record<string, string>> {
  const body = /<tbody role="rowgroup">([\s\S]*?)<\/tbody>/.exec(page)![1]!;
  return [...body.matchAll(/<tr role="row">([\s\S]*?)<\/tr>/g)]
    .map((m) =>
      Object.fromEntries([...m[1]!.matchAll(/data-label="([^"]*)"(?: class="[^"]*")?>([^<]*)</g)].map((c) => [unescapeHtml(c[1]!), unescapeHtml(c[2]!)])),
    )
    .filter((r) => Object.keys(r).length > 0);
}

/** The JSON's rows with the page's headers as keys. */
async function jsonRows(query: string): Promise<{ rows: Array<Record<string, string>>; body: { older: string | null; newer: string | null; count: number } }> {
  const res = await get(`/public/results.json${query}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    columns: Record<string, string>;
    results: Array<Record<string, string>>;
    older: string | null;
    newer: string | null;
    count: number;
  };
  const rows = body.results.map((r) => Object.fromEntries(Object.entries(body.columns).map(([key, header]) => [header, r[key]!])));
  return { rows, body };
}

async function csvRows(query: string): Promise<Array<Record<string, string>>> {
  const res = await get(`/public/results.csv${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // A UTF-8 BOM in front, so that Excel on Windows reads the Chinese right.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes), { columns: true, bom: true }) as Array<Record<string, string>>;
}

const QUERIES = [
  '',
  '?industry=机械',
  '?township=岳滩镇',
  '?year=2025',
  '?result=pending',
  '?result=发现问题已责令改正',
  '?q=示例',
  '?q=阀门',
  '?year=2026&industry=机械&result=no_problem',
  '?q=zzz-nothing',
];

describe('the public results page', () => {
  it('lists only published results, 20 a page, newest first, and counts them', async () => {
    const page = await (await get('/public')).text();
    const rows = pageRows(page);
    expect(rows).toHaveLength(20);
    expect(page).toContain('符合条件的结果共 26 条，本页显示 20 条。');
    expect(rows[0]!['抽查任务编号']).toBe('偃应急抽〔2026〕1号');
    expect(rows.at(-1)!['抽查任务编号']).toBe('偃应急抽〔2026〕1号');
    expect(new Set(rows.map((r) => r['公示系统记录编号'])).size).toBe(20);
  });

  it('pages forward and back through every result once, by the page’s own links', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/public';
    const pages: string[] = [];
    while (path) {
      const html: string = await (await get(path)).text();
      pages.push(path);
      seen.push(...pageRows(html).map((r) => r['统一社会信用代码']!));
      const next: string | undefined = /<a rel="next" href="([^"]+)">下一页<\/a>/.exec(html)?.[1];
      path = next ? unescapeHtml(next).replace(/#.*$/, '') : undefined;
    }
    expect(pages).toHaveLength(2);
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    const second = await (await get(pages[1]!)).text();
    expect(pageRows(second)).toHaveLength(6);
    const prev = unescapeHtml(/<a rel="prev" href="([^"]+)">上一页<\/a>/.exec(second)![1]!).replace(/#.*$/, '');
    expect(pageRows(await (await get(prev)).text()).map((r) => r['统一社会信用代码'])).toEqual(seen.slice(0, 20));
  });

  it('gives the same rows in the page, the JSON and the CSV for every filter', async () => {
    for (const query of QUERIES) {
      const page = pageRows(await (await get(`/public${encodeURI(query)}`)).text());
      const json = await jsonRows(encodeURI(query));
      expect(json.rows, query).toEqual(page);
      expect(await csvRows(encodeURI(query ? `${query}&limit=20` : '?limit=20')), query).toEqual(page);
      // The whole CSV is every JSON page, in order.
      const all: Array<Record<string, string>> = [...json.rows];
      let older = json.body.older;
      while (older) {
        const next = await jsonRows(older.replace('/public/results.json', ''));
        all.push(...next.rows);
        older = next.body.older;
      }
      expect(await csvRows(encodeURI(query)), query).toEqual(all);
      expect(all.length, query).toBe(json.body.count);
    }
  });

  it('filters as asked', async () => {
    const rowsOf = async (q: string) => (await csvRows(encodeURI(q))).map((r) => r);
    expect((await rowsOf('?industry=机械')).every((r) => r['行业'] === '机械')).toBe(true);
    expect((await rowsOf('?year=2025')).map((r) => r['检查日期'])).toEqual(Array(4).fill('2025-11-03'));
    expect((await rowsOf('?result=pending')).every((r) => r['检查结果'] === '发现问题待后续处理' && r['整改情况']!.startsWith('限期整改'))).toBe(true);
    const one = (await rowsOf(''))[3]!;
    expect((await rowsOf(`?q=${one['统一社会信用代码']!.slice(5, 12).toLowerCase()}`)).map((r) => r['企业名称'])).toEqual([one['企业名称']]);
    expect(await rowsOf('?township=岳滩镇')).not.toHaveLength(0);
    expect((await rowsOf('?township=岳滩镇')).every((r) => r['乡镇/街道'] === '岳滩镇')).toBe(true);
  });

  it('shows nothing unpublished: no unpublished result, note, signature or officer', async () => {
    const tasks = await t.data.tasks();
    const unpublished = tasks.filter((x) => scenario.unpublished.includes(x.id)).map((x) => x.enterpriseName);
    const officers = await Promise.all((await t.data.taskOfficers()).map(async (o) => (await t.data.personName(o.localId!))!));
    const results = (page: string) => /<section id="results"[\s\S]*?<\/section>/.exec(page)![0];
    const resultLists = [
      results(await (await get('/public')).text()),
      results(await (await get('/public?after=2026-03-02T01:30:00.000000Z~9')).text()),
      await (await get('/public/results.csv')).text(),
      JSON.stringify(await (await get('/public/results.json?limit=100')).json()),
    ].join('\n');
    // Drawn enterprises are announced with their draw; only their results wait for publication.
    for (const name of unpublished) expect(resultLists, name).not.toContain(name);
    const everything = [resultLists, await (await get('/public')).text(), await (await get(`/public/draws/${scenario.drawIds.y2026}`)).text()].join('\n');
    for (const secret of [INTERNAL_NOTE, '13912345678', RESPONSIBLE_PERSON, '配电箱未接地', '消防通道堵塞', RECUSAL_REASON, ...officers]) {
      expect(everything, secret).not.toContain(secret);
    }
  });

  it('shows a result the moment it is marked published', async () => {
    const [inspected] = scenario.unpublished;
    const task = (await t.data.tasks()).find((x) => x.id === inspected)!;
    expect(await (await get(`/public?q=${encodeURIComponent(task.enterpriseName)}`)).text()).toContain('没有符合条件的抽查结果。');
    const officer = (await t.data.taskOfficers()).find((o) => o.taskId === inspected)!.localId!;
    const form = [...t.chat.dm(officer)]
      .reverse()
      .find((m) => m.card?.key === `task:${inspected}:publication` || m.card?.key === `task:${inspected}:findings`)!;
    const published = await t.chat.click(officer, form.id, 'task.publish', { taskId: String(inspected) }, { reference: '豫公示-20260001' });
    expect(published.body.toast?.kind).toBe('success');
    const rows = pageRows(await (await get(`/public?q=${encodeURIComponent(task.enterpriseName)}`)).text());
    expect(rows.map((r) => [r['企业名称'], r['公示系统记录编号']])).toEqual([[task.enterpriseName, '豫公示-20260001']]);
    scenario.unpublished = scenario.unpublished.filter((id) => id !== inspected);
  });

  it('is built for screen readers and phones: Chinese, landmarks, labelled controls, table headers', async () => {
    const page = await (await get('/public')).text();
    expect(page).toMatch(/<html lang="zh-CN">/);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    for (const landmark of [
      '<header>',
      '<main id="main">',
      '<footer>',
      'role="search"',
      '<nav class="toc" aria-label="本页目录">',
      'aria-label="抽查结果分页"',
    ]) {
      expect(page).toContain(landmark);
    }
    const controls = [...page.matchAll(/<(?:input|select) id="([^"]+)"/g)].map((m) => m[1]!);
    expect(controls).toEqual(['q', 'industry', 'township', 'year', 'result']);
    for (const id of controls) expect(page).toContain(`<label for="${id}">`);
    expect([...page.matchAll(/<th role="columnheader" scope="col">/g)]).toHaveLength(12);
    expect(page).toContain('<p id="results-status" role="status">');
  });
});

describe('the draw announcements', () => {
  it('lists every draw from its preparation, and ended ones with their reason, time, people and revealed secret', async () => {
    await t.chat.say('leader', '/draw 2家 每组2人 3月2日-3月31日');
    const page = await (await get('/public')).text();
    const drawNos = [...page.matchAll(/<h3 id="draw-(\d+)-title"><a href="\/public\/draws\/\d+">([^<]+)<\/a><\/h3>/g)].map((m) => [Number(m[1]), m[2]]);
    const { y2025, y2026, abandoned, cancelled } = scenario.drawIds;
    expect(drawNos.slice(1)).toEqual([
      [cancelled, '偃应急抽〔2026〕3号'],
      [abandoned, '偃应急抽〔2026〕2号'],
      [y2026, '偃应急抽〔2026〕1号'],
      [y2025, '偃应急抽〔2025〕1号'],
    ]);
    const article = (id: number) => new RegExp(`<article class="draw" aria-labelledby="draw-${id}-title">([\\s\\S]*?)</article>`).exec(page)![1]!;
    // The pending draw is announced at once, with its commitment and no result.
    const [pendingId, pendingNo] = drawNos[0] as [number, string];
    expect(pendingNo).toBe('偃应急抽〔2026〕4号');
    expect(article(pendingId)).toContain('已公告，待确认抽取');
    expect(article(pendingId)).toMatch(/秘密值承诺<\/dt><dd class="hash">[0-9a-f]{64}/);
    expect(article(pendingId)).not.toContain('秘密值（已揭示）');
    expect(article(cancelled)).toContain('已撤销：企业停产需重新安排');
    expect(article(cancelled)).toMatch(/撤销时间<\/dt><dd>2026-03-02 \d\d:\d\d，申请人 .+，确认人 .+<\/dd>/);
    expect(article(abandoned)).toContain('已放弃（未抽取）：抽取范围选错');
    expect(article(abandoned)).toMatch(/放弃时间<\/dt><dd>2026-03-02 \d\d:\d\d，放弃人 .+<\/dd>/);
    expect(article(abandoned)).toMatch(/秘密值（已揭示）<\/dt><dd class="hash">[0-9a-f]{64}/);
    expect(article(abandoned)).not.toContain('随机种子');
    expect(article(abandoned)).toContain(`/public/draws/${abandoned}.json`);
    expect(article(y2026)).toMatch(/不定向抽查[\s\S]*24 家[\s\S]*查看全部 24 家抽中企业/);
    expect(article(y2026)).toMatch(/随机种子<\/dt><dd class="hash">[0-9a-f]{64}/);
    expect([...article(y2026).matchAll(/<li>/g)]).toHaveLength(10);
    expect(article(y2025)).toContain('2025-11-03 至 2025-11-28');
  });

  it('shows a draw with all its enterprises, and its record re-runs without the recusal reason', async () => {
    const { y2026, abandoned } = scenario.drawIds;
    const detail = await (await get(`/public/draws/${y2026}`)).text();
    expect([...detail.matchAll(/<li>/g)]).toHaveLength(24);
    const res = await get(`/public/draws/${y2026}.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(verifyDrawExport(doc)).toEqual({ ok: true });
    expect(doc.replacements.map((r: { reason: string }) => r.reason)).toEqual(['回避']);
    expect(JSON.stringify(doc)).not.toContain(RECUSAL_REASON);
    // The plan it carries out (informational: not part of what verification re-computes).
    expect(doc.plan).toEqual({ docNo: null, title: '2026年度“双随机、一公开”抽查（默认计划）', year: 2026, batch: null });
    // An abandoned draw's record: its revealed secret and what it would have drawn, verifiable.
    const would = await (await get(`/public/draws/${abandoned}.json`)).json();
    expect(would).toMatchObject({ status: 'abandoned', timeline: { endedReason: '抽取范围选错' } });
    expect(would.tasks).toHaveLength(2);
    expect(verifyDrawExport(would)).toEqual({ ok: true });
    // A pending draw's announcement: what it committed to, before anyone can know the result.
    const page = await (await get('/public')).text();
    const pendingId = Number(/<h3 id="draw-(\d+)-title">/.exec(page)![1]);
    const announcement = await (await get(`/public/draws/${pendingId}.json`)).json();
    expect(announcement).toMatchObject({ format: 'drbot-draw-announcement/1', status: 'prepared', seedVersion: 2 });
    expect(announcement.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(announcement.plan).toMatchObject({ title: '2026年度“双随机、一公开”抽查（默认计划）', year: 2026 });
    expect(JSON.stringify(announcement)).not.toMatch(/"secret"/);
  });
});

describe('bad queries', () => {
  const BAD = [
    ['?year=abc', /年份（year）“abc”无效/],
    ['?year=1999', /2000–2027 之间的整数/],
    ['?year=2026&year=2025', /年份（year）只能给一次/],
    [`?q=${'很'.repeat(51)}`, /最多 50 个字/],
    ['?q=%00', /无法识别的字符/],
    ['?q=%E0%A4%A', /无法识别的字符/],
    ['?industry=机%0A械', /无法识别的字符/],
    ['?after=garbage', /请使用页面上的“上一页”“下一页”链接翻页/],
    ['?after=2026-13-45T00:00:00.000000Z~1', /请使用页面上的/],
    ['?after=2026-03-02T01:30:00.000000Z~99999999999', /请使用页面上的/],
    ['?after=2026-03-02T01:30:00.000000Z~1&before=2026-03-02T01:30:00.000000Z~2', /不能同时使用/],
    ['?limit=0', /每页条数（limit）“0”无效/],
    ['?limit=101', /1–100/],
    ['?limit=1e3', /无效/],
    ['?agency=99999999999', /检查实施机关（agency）/],
    ['?agency=-1', /无效/],
    ['?result=不存在', /检查结果“不存在”无效：可选 未发现问题/],
    ['?draws_before=0', /公告分页位置/],
  ] as const;

  it('answers each with a Chinese 400 on the page, the JSON and the CSV', async () => {
    for (const [query, message] of BAD) {
      const page = await get(`/public${query}`);
      expect(page.status, query).toBe(400);
      expect(await page.text(), query).toMatch(message);
      const json = await get(`/public/results.json${query}`);
      expect(json.status, query).toBe(400);
      expect((await json.json()).error, query).toMatch(message);
      const csv = await get(`/public/results.csv${query}`);
      expect(csv.status, query).toBe(400);
      expect(await csv.text(), query).toMatch(message);
    }
  });

  it('ignores what it does not read (a messenger’s share parameters) and refuses odd draw addresses with a 404', async () => {
    expect((await get('/public?from=singlemessage&isappinstalled=0')).status).toBe(200);
    expect((await get('/public?q[]=1&year[]=x')).status).toBe(200);
    for (const path of ['/public/draws/99999999999999999999.json', '/public/draws/abc', '/public/draws/0.json', '/public/draws/1.xml', '/public/draws/%00']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
    }
    expect((await get('/public/draws/999999')).status).toBe(404);
  });
});

describe('the plans (抽查计划) and their check items', () => {
  const section = (page: string) => /<section id="plans"[\s\S]*?<\/section>/.exec(page)![0];

  it('shows the year’s plan each draw belongs to, with its check items and their legal basis', async () => {
    const page = await (await get('/public?year=2025')).text();
    const plans = unescapeHtml(section(page));
    expect(plans).toContain('<h2 id="plans-title">2025 年抽查计划</h2>');
    expect(plans).toContain('<h4>2025年度“双随机、一公开”抽查（默认计划）</h4>');
    expect(plans).toContain('不分批次');
    // The default plan made on demand has every item of the catalogue, each with its basis.
    expect([...plans.matchAll(/<small>依据：《/g)]).toHaveLength(10);
    const { y2025 } = scenario.drawIds;
    expect(unescapeHtml(page)).toMatch(new RegExp(`draw-${y2025}-title[\\s\\S]*?所属抽查计划</dt><dd>“2025年度“双随机、一公开”抽查（默认计划）”</dd>`));
  });

  it('shows a plan an administrator entered: its number, batches with windows and targets, and only its check items', async () => {
    await t.chat.say('admin', '/plan 新建', 'dm');
    const form = t.chat.lastCard(t.chat.dm('admin'), 'plan-form:new');
    const saved = await t.chat.click(
      'admin',
      form.id,
      'plan.save',
      {},
      {
        docNo: '偃应急〔2026〕18号',
        year: '2026',
        title: '2026年“双随机、一公开”监管工作实施方案',
        checkItems: '1-3',
        batches: '第一批 2026-03-02至2026-06-30 机械3家 建材10%\n第二批 2026-07-01至2026-09-30',
        isDefault: '否',
      },
    );
    expect(saved.body.toast?.kind).toBe('success');
    const plans = unescapeHtml(section(await (await get('/public')).text()));
    expect(plans).toContain('<h4>2026年“双随机、一公开”监管工作实施方案</h4>');
    expect(plans).toContain('<dt>文号</dt><dd>偃应急〔2026〕18号</dd>');
    expect(plans).toContain('<li>第一批：2026-03-02 至 2026-06-30；机械 3 家、建材 10%</li>');
    expect(plans).toContain('<li>第二批：2026-07-01 至 2026-09-30；不限行业</li>');
    const entered = /<h4>2026年“双随机[\s\S]*?<\/article>/.exec(plans)![0];
    expect([...entered.matchAll(/<small>依据：/g)]).toHaveLength(3);
    // The year's default plan (made by the draws) stays listed, marked as such.
    expect(plans).toContain('（未写明计划的抽取均归入本计划）');
  });
});
