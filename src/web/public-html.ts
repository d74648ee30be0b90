import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { PublicDraw, PublicResultFacets } from '../app/ports/public-record';
import type { PublicResultsPage } from '../app/public-record';
import { PUBLIC_RESULT_COLUMNS } from '../app/views/public-columns';
import { RESULT_CATEGORIES } from '../domain/catalog/result-categories';
import { batchLabel, targetText, type PlanBatch } from '../domain/plan';
import { shanghaiDate, shanghaiDateTime, shanghaiDateTimeSeconds } from '../domain/workdays';
import { formatCursor, queryString, type PublicQuery } from './public-query';
import { PUBLIC_STYLE } from './public-style';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Everything the results page shows. */
export interface PublicPageView {
  agencies: Array<{ id: number; name: string }>;
  query: PublicQuery;
  pageSize: number;
  facets: PublicResultFacets;
  page: PublicResultsPage;
  /** Matching results, counted up to `countCap + 1`. */
  count: number;
  countCap: number;
  draws: { rows: PublicDraw[]; more: boolean };
  checkItems: Array<{ code: string; title: string; content: string; legalBasis: string }>;
  plans: PublicPlans;
}

/** The year's 年度抽查计划 of each agency shown (their batches, targets and check items). */
export interface PublicPlans {
  year: number;
  agencies: Array<{
    name: string;
    plans: Array<{ docNo: string | null; title: string; isDefault: boolean; batches: PlanBatch[]; checkItems: string[] }>;
  }>;
}

/** The page around a body: Chinese, a skip link, landmarks. */
export function publicLayout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${raw(PUBLIC_STYLE)}</style></head>
<body><a class="visually-hidden" href="#main">跳到正文</a>${body}
<footer><p>本页依据“双随机、一公开”要求，公开抽查事项、抽查任务公告和抽查结果。检查结果以检查实施机关公示为准。</p></footer>
</body></html>`;
}

const zh = new Intl.Collator('zh-CN');
const sorted = (values: string[]) => [...values].sort(zh.compare);

function options(values: ReadonlyArray<{ value: string; label: string }>, selected: string | undefined): Html[] {
  return [
    html`<option value="">全部</option>`,
    ...values.map((v) => html`<option value="${v.value}"${v.value === selected ? raw(' selected') : ''}>${v.label}</option>`),
  ];
}

const plain = (values: string[]) => sorted(values).map((v) => ({ value: v, label: v }));

function searchForm(v: PublicPageView): Html {
  const f = v.query.filter;
  const agencySelect =
    v.agencies.length > 1
      ? html`<div><label for="agency">检查实施机关</label><select id="agency" name="agency">${options(
          v.agencies.map((a) => ({ value: String(a.id), label: a.name })),
          f.agencyId === undefined ? undefined : String(f.agencyId),
        )}</select></div>`
      : '';
  // A value typed in a link but absent from the choices is still shown (and kept) as chosen.
  const withCurrent = (values: string[], current: string | undefined) => (current && !values.includes(current) ? [...values, current] : values);
  return html`<form class="search" role="search" aria-label="查询抽查结果" method="get" action="/public#results">
<div class="wide"><label for="q">企业名称或统一社会信用代码（可输入其中一部分）</label><input id="q" name="q" type="search" maxlength="50" value="${f.q ?? ''}" autocomplete="off"></div>
<div><label for="industry">行业</label><select id="industry" name="industry">${options(plain(withCurrent(v.facets.industries, f.industry)), f.industry)}</select></div>
<div><label for="township">乡镇/街道</label><select id="township" name="township">${options(plain(withCurrent(v.facets.townships, f.township)), f.township)}</select></div>
<div><label for="year">检查年份</label><select id="year" name="year">${options(
    withCurrent(v.facets.years.map(String), f.year === undefined ? undefined : String(f.year)).map((y) => ({ value: y, label: `${y}年` })),
    f.year === undefined ? undefined : String(f.year),
  )}</select></div>
<div><label for="result">检查结果</label><select id="result" name="result">${options(
    RESULT_CATEGORIES.map((c) => ({ value: c.code, label: c.label })),
    f.result,
  )}</select></div>
${agencySelect}
<div class="buttons"><button type="submit">查询</button><a href="/public#results">清除条件</a></div>
</form>`;
}

/** Columns that read badly broken over two lines on a desktop (dates, codes). */
const NO_WRAP = new Set(['inspectionDate', 'publishedDate', 'uscc']);

function resultsTable(v: PublicPageView): Html {
  const rows = v.page.rows.map(
    (r) =>
      html`<tr role="row">${PUBLIC_RESULT_COLUMNS.map((c) =>
        c.key === 'enterprise'
          ? html`<th role="rowheader" scope="row" data-label="${c.header}">${c.value(r)}</th>`
          : html`<td role="cell" data-label="${c.header}"${NO_WRAP.has(c.key) ? raw(' class="nowrap"') : ''}>${c.value(r)}</td>`,
      )}</tr>`,
  );
  return html`<table role="table" data-stack id="results-table" aria-describedby="results-status">
<caption class="visually-hidden">抽查结果，每行一家企业</caption>
<thead role="rowgroup"><tr role="row">${PUBLIC_RESULT_COLUMNS.map((c) => html`<th role="columnheader" scope="col">${c.header}</th>`)}</tr></thead>
<tbody role="rowgroup">${rows.length ? rows : html`<tr role="row"><td role="cell" colspan="${PUBLIC_RESULT_COLUMNS.length}">没有符合条件的抽查结果。</td></tr>`}</tbody></table>`;
}

function statusText(v: PublicPageView): string {
  const total = v.count > v.countCap ? `超过 ${v.countCap} 条` : `共 ${v.count} 条`;
  return v.page.rows.length ? `符合条件的结果${total}，本页显示 ${v.page.rows.length} 条。` : `符合条件的结果${total}。`;
}

function pager(v: PublicPageView): Html {
  const size = v.pageSize === 20 ? undefined : v.pageSize;
  const link = (rel: 'prev' | 'next', label: string, extra: Record<string, string>) =>
    html`<a rel="${rel}" href="/public${queryString(v.query.filter, { ...extra, limit: size })}#results">${label}</a>`;
  const prev = v.page.newer ? link('prev', '上一页', { before: formatCursor(v.page.newer) }) : html`<span aria-disabled="true">上一页</span>`;
  const next = v.page.older ? link('next', '下一页', { after: formatCursor(v.page.older) }) : html`<span aria-disabled="true">下一页</span>`;
  const first = v.page.newer ? html`<a href="/public${queryString(v.query.filter, { limit: size })}#results">第一页</a>` : '';
  return html`<nav class="pager" aria-label="抽查结果分页">${first}${prev}${next}</nav>`;
}

const DRAW_STATUS: Record<PublicDraw['status'], string> = {
  prepared: '已公告，待确认抽取',
  executed: '已抽取',
  cancelled: '已撤销',
  abandoned: '已放弃（未抽取）',
};

/** A draw's announcement with its verification data; `all` lists every enterprise. */
export function drawArticle(d: PublicDraw, all = false): Html {
  const ended = d.status !== 'executed';
  const enterprises = d.enterprises.map((e) => html`<li>${e.name}（${e.uscc}，${e.industry}${e.township ? `，${e.township}` : ''}）</li>`);
  const moreLink = !all && d.drawnCount > d.enterprises.length ? html`<p><a href="/public/draws/${d.id}">查看全部 ${d.drawnCount} 家抽中企业</a></p>` : '';
  const record =
    d.status === 'prepared'
      ? html`尚未抽取：名单池哈希与秘密值承诺已在此公开，确认抽取后公开秘密值、随机种子和抽取记录。`
      : d.secret
        ? html`<a href="/public/draws/${d.id}.json" download>下载抽取记录（JSON，可用于复核${d.status === 'abandoned' ? '，含若当时执行将抽中的企业' : ''}）</a>`
        : html`本次抽取未执行，秘密值未能揭示，没有抽取结果；承诺值已在上面公开，不能在不留记录的情况下重新抽取。`;
  const when = (at: Date | null) => (at ? shanghaiDateTime(at) : '');
  return html`<article class="draw" aria-labelledby="draw-${d.id}-title">
<h3 id="draw-${d.id}-title">${all ? d.drawNo : html`<a href="/public/draws/${d.id}">${d.drawNo}</a>`}</h3>
<dl class="fields">
<dt>状态</dt><dd${ended ? raw(' class="status-ended"') : ''}>${DRAW_STATUS[d.status]}${d.endedReason ? `：${d.endedReason}` : ''}</dd>
<dt>检查实施机关</dt><dd>${d.agencyName}</dd>
${d.planTitle ? html`<dt>所属抽查计划</dt><dd>${d.planTitle}</dd>` : ''}
<dt>抽查类型</dt><dd>${d.directed ? '定向抽查' : '不定向抽查'}</dd>
<dt>抽查范围</dt><dd>${d.filtersText || '全部检查对象'}</dd>
<dt>抽取数量</dt><dd>${d.quotaText}，每组 ${d.groupSize} 名执法人员</dd>
<dt>检查期</dt><dd>${d.windowFrom} 至 ${d.windowTo}</dd>
<dt>名单池</dt><dd>检查对象 ${d.enterprisePoolSize} 家，执法人员 ${d.officerPoolSize} 名</dd>
<dt>发起日期</dt><dd>${shanghaiDate(d.preparedAt)}</dd>
${d.executedAt ? html`<dt>抽取日期</dt><dd>${shanghaiDate(d.executedAt)}</dd>` : ''}
${d.endedAt ? html`<dt>${d.status === 'cancelled' ? '撤销' : '放弃'}时间</dt><dd>${when(d.endedAt)}${d.endedBy ? `，${d.status === 'cancelled' ? '申请人' : '放弃人'} ${d.endedBy}` : ''}${d.confirmedBy ? `，确认人 ${d.confirmedBy}` : ''}</dd>` : ''}
${d.supersedesNo ? html`<dt>重新抽取</dt><dd>与 ${d.supersedesNo} 的抽取范围相同</dd>` : ''}
${d.beaconRound !== null ? html`<dt>公共随机信标</dt><dd>drand 第 ${d.beaconRound} 轮${d.beaconPublishAt ? `（${shanghaiDateTimeSeconds(new Date(d.beaconPublishAt))} 发布）` : ''}</dd>` : ''}
<dt>抽中企业</dt><dd>${d.drawnCount ? html`${d.drawnCount} 家<ol>${enterprises}</ol>${moreLink}` : '无'}</dd>
<dt>检查对象名单哈希</dt><dd class="hash">${d.enterprisePoolHash}</dd>
<dt>执法人员名单哈希</dt><dd class="hash">${d.officerPoolHash}</dd>
<dt>秘密值承诺</dt><dd class="hash">${d.commitment}</dd>
${d.secret ? html`<dt>秘密值（已揭示）</dt><dd class="hash">${d.secret}</dd>` : ''}
${d.seed ? html`<dt>随机种子</dt><dd class="hash">${d.seed}</dd>` : ''}
<dt>复核</dt><dd>${record}</dd>
</dl></article>`;
}

function drawsSection(v: PublicPageView): Html {
  const last = v.draws.rows.at(-1);
  const older =
    v.draws.more && last
      ? html`<nav class="pager" aria-label="抽查任务公告分页"><a rel="next" href="/public${queryString(v.query.filter, { draws_before: last.id })}#draws">更早的公告</a></nav>`
      : '';
  return html`<section id="draws" aria-labelledby="draws-title"><h2 id="draws-title">抽查任务公告</h2>
<p>每次抽取在揭示结果前先公开名单池的哈希值和秘密值的承诺值；抽取后公开秘密值和随机种子。任何人可下载抽取记录，用公开的算法重新计算并核对结果（命令：npm run cli -- draw verify 记录文件.json）。放弃或撤销的抽取同样保留在此。</p>
${v.draws.rows.length ? v.draws.rows.map((d) => drawArticle(d)) : html`<p>暂无抽查任务公告。</p>`}${older}</section>`;
}

/** 抽查计划: each agency's plans of the year, their batches with windows and targets, and their 抽查事项清单 with the legal basis. */
function plansSection(v: PublicPageView): Html {
  const items = new Map(v.checkItems.map((c) => [c.code, c]));
  const { year } = v.plans;
  const planArticle = (p: PublicPlans['agencies'][number]['plans'][number]) => {
    const batches = p.batches.map(
      (b) => html`<li>${batchLabel(b.no)}：${b.from} 至 ${b.to}${b.targets.length ? `；${b.targets.map(targetText).join('、')}` : '；不限行业'}</li>`,
    );
    const planItems = p.checkItems.flatMap((code) => {
      const c = items.get(code);
      return c ? [html`<li><strong>${c.title}</strong><br><small>依据：${c.legalBasis}</small></li>`] : [];
    });
    return html`<article class="plan"><h4>${p.title}</h4>
<dl class="fields">
<dt>文号</dt><dd>${p.docNo ?? '（未编文号）'}</dd>
<dt>年度</dt><dd>${year} 年${p.isDefault ? '（未写明计划的抽取均归入本计划）' : ''}</dd>
<dt>批次安排</dt><dd>${batches.length ? html`<ol>${batches}</ol>` : '不分批次'}</dd>
<dt>抽查事项清单</dt><dd>${planItems.length ? html`<ol>${planItems}</ol>` : '无'}</dd>
</dl></article>`;
  };
  const agencies = v.plans.agencies.map(
    (a) =>
      html`${v.plans.agencies.length > 1 ? html`<h3>${a.name}</h3>` : ''}${a.plans.length ? a.plans.map(planArticle) : html`<p>${a.name} ${year} 年的抽查计划尚未录入。</p>`}`,
  );
  return html`<section id="plans" aria-labelledby="plans-title"><h2 id="plans-title">${year} 年抽查计划</h2>
<p>年度抽查计划写明各批次抽查的时间、行业和数量，以及本计划的抽查事项和依据；每次抽取都属于一个计划，其公告中注明所属计划和批次。</p>
${agencies}</section>`;
}

function itemsSection(v: PublicPageView): Html {
  return html`<section id="items" aria-labelledby="items-title"><h2 id="items-title">随机抽查事项清单</h2>
<ol class="items">${v.checkItems.map((c) => html`<li><strong>${c.title}</strong>：${c.content}<br><small>依据：${c.legalBasis}</small></li>`)}</ol></section>`;
}

/** The “一公开” page: results with search, filters and pages; the draws' announcements; the check items. */
export function publicPage(v: PublicPageView): Html {
  const agency = v.agencies.length === 1 ? v.agencies[0]!.name : '';
  const machine = queryString(v.query.filter);
  const body = html`<header><h1>${agency}“双随机、一公开”公示</h1>
<p>按照“谁检查、谁录入、谁公开”原则，执法人员登记公示后，检查结果即在本页显示。</p>
<nav class="toc" aria-label="本页目录"><a href="#results">抽查结果</a><a href="#draws">抽查任务公告</a><a href="#plans">抽查计划</a><a href="#items">抽查事项清单</a><a href="/public/audit-heads">审计日志每日链头</a></nav></header>
<main id="main">
<section id="results" aria-labelledby="results-title"><h2 id="results-title">抽查结果</h2>
${searchForm(v)}
<p id="results-status" role="status">${statusText(v)}</p>
${resultsTable(v)}
${pager(v)}
<p>按当前条件下载：<a href="/public/results.csv${machine}">CSV 表格</a>　<a href="/public/results.json${machine}">JSON 数据</a></p>
</section>
${drawsSection(v)}
${plansSection(v)}
${itemsSection(v)}
</main>`;
  return publicLayout(`${agency}“双随机、一公开”公示`, body);
}

/** A refused request, said in Chinese with the way back. */
export function publicErrorPage(message: string): Html {
  return publicLayout('请求有误', html`<main id="main"><h1>请求有误</h1><p role="alert">${message}</p><p><a href="/public">返回公示页</a></p></main>`);
}
