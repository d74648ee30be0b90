import { Hono } from 'hono';
import { html } from 'hono/html';
import type { DailyHead } from '../app/ports/audit';
import { anchorsText } from '../domain/audit/audit-anchors';
import { GENESIS_HASH } from '../domain/audit/audit-chain';
import { shanghaiDateTime } from '../domain/workdays';

const STYLE = `body{font:14px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px;color:#1f2328;max-width:1100px}
h1{font-size:22px}table{border-collapse:collapse;width:100%;margin:12px 0 24px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
th{background:#f6f8fa}.hash,pre{font-family:monospace;font-size:12px;word-break:break-all;white-space:pre-wrap}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px}@media (max-width:700px){body{margin:12px}}`;

/**
 * `/public/audit-heads` (HTML), `.json` and `.txt`: every published daily head of the audit
 * chain, as text anyone can copy and keep. `npm run cli -- audit verify --anchors <file or URL>`
 * reads the JSON and the text back (src/domain/audit/audit-anchors.ts).
 */
export function auditHeadsRoutes(list: () => Promise<DailyHead[]>): Hono {
  const app = new Hono();
  app.get('/audit-heads.json', async (c) => {
    const heads = await list();
    return c.json({
      description: '审计日志每日链头：每天结束时（北京时间）日志的条数和最后一条的哈希。核对：npm run cli -- audit verify --anchors <本文件或其地址>',
      genesis: GENESIS_HASH,
      heads: heads.map((h) => ({ day: h.day, entryCount: h.entryCount, hash: h.hash, recordedAt: h.recordedAt.toISOString() })),
    });
  });
  app.get('/audit-heads.txt', async (c) => {
    c.header('content-type', 'text/plain; charset=utf-8');
    return c.body(anchorsText(await list()));
  });
  app.get('/audit-heads', async (c) => {
    const heads = await list();
    const rows = [...heads]
      .reverse()
      .map((h) => html`<tr><td>${h.day}</td><td>${h.entryCount}</td><td class="hash">${h.hash}</td><td>${shanghaiDateTime(h.recordedAt)}</td></tr>`);
    return c.html(html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>审计日志每日链头</title><style>${STYLE}</style></head><body>
<h1>审计日志每日链头</h1>
<p>每一次抽取、确认、回避、检查结果和公示都记入一条哈希链（每条记录含前一条的哈希）。每天结束时链上的条数和最后一条的哈希（“链头”）在此公布，并发到各单位的工作群。
请任何人保存一份：日后若有人改写或删除了此前的任何一条记录，他的日志就不再以这里的链头为前缀，核对时会被指出。</p>
<p>核对方法：<code>npm run cli -- audit verify --anchors 保存的文件或本页地址（.json / .txt）</code>。下载：<a href="/public/audit-heads.json">JSON</a> · <a href="/public/audit-heads.txt">纯文本</a></p>
<table><thead><tr><th>日期</th><th>条数</th><th>链头哈希</th><th>公布时间</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="4">尚未公布链头（每天 09:00 公布前一天的链头）</td></tr>`}</tbody></table>
<h2>纯文本（可整段复制保存）</h2>
<pre>${anchorsText(heads)}</pre>
</body></html>`);
  });
  return app;
}
