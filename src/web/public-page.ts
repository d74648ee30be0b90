import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { findResultCategory } from '../domain/catalog/result-categories';
import { shanghaiDate } from '../domain/workdays';
import type { PublicPageDeps } from '../app/ports/public-page';
import { publishedLate, publishedOn } from '../app/views/task-cards';
import { timingText } from '../domain/publication/lateness';

/**
 * On a phone or a narrow tablet (below 900 px, where the columns no longer fit) each table row becomes a block of “label: value” lines (the labels
 * come from each cell's data-label), so no column is squeezed to one character per line.
 */
const STYLE = `body{font:14px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px;color:#1f2328}
h1{font-size:24px}table{border-collapse:collapse;width:100%;margin-bottom:24px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
th{background:#f6f8fa}.hash{font-family:monospace;font-size:12px;word-break:break-all}
@media (max-width:900px){body{margin:12px}h1{font-size:19px}thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table,tbody{display:block;width:100%}tr,td{display:block}tr{border:1px solid #d0d7de;border-radius:6px;margin-bottom:10px;padding:4px 0}
td{border:0;display:grid;grid-template-columns:8.5em minmax(0,1fr);gap:8px;padding:2px 10px;overflow-wrap:anywhere}
td::before{content:attr(data-label);color:#57606a;font:14px/1.6 sans-serif}td[colspan]{display:block}td[colspan]::before{content:none}}`;

const STATUS = { prepared: '待确认', executed: '已抽取', abandoned: '已放弃', cancelled: '已撤销' } as Record<string, string>;

/**
 * The “一公开” page: results as soon as an officer marks them published, and every draw's record
 * so that anyone can re-run it (docs/draw-algorithm.md).
 */
export function publicRoutes(deps: PublicPageDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const [results, draws] = await Promise.all([deps.published(500), deps.draws(100)]);
    const rows = results.map(
      (r, i) =>
        html`<tr><td data-label="序号">${i + 1}</td><td data-label="检查实施机关">${r.agencyName}</td><td data-label="抽查任务编号">${r.drawNo}</td><td data-label="检查对象">${r.enterpriseName}</td><td data-label="统一社会信用代码">${r.uscc}</td><td data-label="类型">“双随机”抽查</td><td data-label="检查日期">${r.findings?.inspectionDate ?? ''}</td><td data-label="检查结果">${findResultCategory(r.findings?.resultCategory ?? '')?.label ?? ''}</td><td data-label="公示日期">${publishedOn(r) ?? ''}</td><td data-label="公示系统记录编号">${r.publicationRef ?? ''}</td><td data-label="公示情况">${timingText(r.publicationLateWorkdays, publishedLate(r))}</td></tr>`,
    );
    const drawRows = draws.map(
      (d) =>
        html`<tr><td data-label="抽取编号">${d.drawNo}</td><td data-label="单位">${d.agencyName}</td><td data-label="状态">${STATUS[d.status] ?? d.status}</td><td data-label="抽取日期">${d.executedAt ? shanghaiDate(d.executedAt) : ''}</td><td data-label="秘密值承诺" class="hash">${d.commitment}</td><td data-label="记录">${d.seed ? raw(`<a href="/public/draws/${d.id}.json">下载记录</a>`) : ''}</td></tr>`,
    );
    return c.html(html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>“双随机、一公开”抽查结果公示</title>
<style>${raw(STYLE)}</style>
</head><body>
<h1>“双随机、一公开”抽查结果公示</h1>
<p>按照“谁检查、谁录入、谁公开”原则，执法人员登记公示后结果即在此显示。</p>
<table><thead><tr><th>序号</th><th>检查实施机关</th><th>抽查任务编号</th><th>检查对象</th><th>统一社会信用代码</th><th>类型</th><th>检查日期</th><th>检查结果</th><th>公示日期</th><th>公示系统记录编号</th><th>公示情况</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="11">暂无已公示的结果</td></tr>`}</tbody></table>
<h2>抽取记录</h2>
<p>每次抽取的企业名单、人员名单、参数和秘密值均可下载，任何人可按公开的算法重新计算并核对结果（命令：npm run cli -- draw verify 记录文件.json）。</p>
<table><thead><tr><th>抽取编号</th><th>单位</th><th>状态</th><th>抽取日期</th><th>秘密值承诺</th><th>记录</th></tr></thead>
<tbody>${drawRows.length ? drawRows : html`<tr><td colspan="6">暂无抽取记录</td></tr>`}</tbody></table>
</body></html>`);
  });
  app.get('/draws/:file', async (c) => {
    const m = /^(\d+)\.json$/.exec(c.req.param('file'));
    if (!m) return c.json({ error: '地址应为 /public/draws/<编号>.json' }, 404);
    const doc = await deps.drawExport(Number(m[1]));
    if (!doc) return c.json({ error: '该抽取尚未执行或不存在，没有可公开的记录。' }, 404);
    c.header('content-disposition', `attachment; filename="draw-${m[1]}.json"`);
    return c.json(doc);
  });
  return app;
}
