/**
 * The simulator page: plain HTML and script, no build step. It renders the neutral card view
 * models (the same ones Feishu and DingTalk render in their own formats).
 */
export const LOCAL_PAGE = /* html */ `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>双随机抽查机器人 · 本地模拟</title>
<link rel="icon" href="data:,">
<style>
  :root { --info:#1f6feb; --success:#1a7f37; --warning:#b26b00; --danger:#cf222e; --neutral:#57606a; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: #eef1f5; color: #1f2328; }
  header { display: flex; gap: 16px; align-items: center; padding: 10px 16px; background: #fff; border-bottom: 1px solid #d0d7de; }
  header h1 { font-size: 16px; margin: 0; }
  header .note { color: var(--neutral); font-size: 12px; }
  main { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; padding: 12px; height: calc(100vh - 54px); }
  section.chat { display: flex; flex-direction: column; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; min-height: 0; }
  section.chat h2 { font-size: 14px; margin: 0; padding: 8px 12px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; border-radius: 8px 8px 0 0; }
  .log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; }
  .msg { max-width: 92%; }
  .msg.me { align-self: flex-end; }
  .msg .who { font-size: 12px; color: var(--neutral); }
  .bubble { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 10px; white-space: pre-wrap; }
  .msg.me .bubble { background: #ddf4ff; }
  .card { border: 1px solid #d0d7de; border-radius: 8px; overflow: hidden; background: #fff; }
  .card > .title { color: #fff; padding: 6px 10px; font-weight: 600; }
  .card .body { padding: 8px 10px; display: flex; flex-direction: column; gap: 8px; }
  .card .text { white-space: pre-wrap; }
  .fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; }
  .fields dt { color: var(--neutral); } .fields dd { margin: 0; word-break: break-all; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
  ul { margin: 0; padding-left: 20px; }
  .listtitle { font-weight: 600; }
  .bars .bar { display: flex; align-items: center; gap: 6px; } .bars .fill { background: var(--info); height: 12px; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; }
  button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; cursor: pointer; }
  button.primary { background: var(--success); color: #fff; border-color: var(--success); }
  button.danger { color: var(--danger); }
  form label { display: block; font-size: 13px; margin-top: 6px; }
  form input, form select, form textarea { font: inherit; width: 100%; padding: 3px 6px; border: 1px solid #d0d7de; border-radius: 4px; }
  .composer { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #d0d7de; }
  .composer input { flex: 1; font: inherit; padding: 6px 8px; border: 1px solid #d0d7de; border-radius: 6px; }
  #toast { position: fixed; right: 16px; top: 64px; padding: 8px 14px; border-radius: 6px; color: #fff; display: none; max-width: 40%; white-space: pre-wrap; }
</style>
</head>
<body>
<header>
  <h1>双随机抽查机器人 · 本地模拟</h1>
  <label>我是：<select id="identity" data-testid="identity"></select></label>
  <span class="note">本地模拟用于演示和试用，不连接飞书或钉钉；消息与正式平台走同一流程。</span>
</header>
<main>
  <section class="chat"><h2>工作群（应急局双随机工作群）</h2><div class="log" id="group" data-testid="group-log"></div>
    <div class="composer"><input id="group-input" data-testid="group-input" placeholder="输入 /draw 机械 建材 5家 每组2人 或 /help"><button id="group-send" data-testid="group-send">发送</button></div></section>
  <section class="chat"><h2 id="dm-title">与机器人的私聊</h2><div class="log" id="dm" data-testid="dm-log"></div>
    <div class="composer"><input id="dm-input" data-testid="dm-input" placeholder="输入 /tasks 查看我的任务"><button id="dm-send" data-testid="dm-send">发送</button></div></section>
</main>
<div id="toast" data-testid="toast"></div>
<script>
const TONES = { info: 'var(--info)', success: 'var(--success)', warning: 'var(--warning)', danger: 'var(--danger)', neutral: 'var(--neutral)' };
let me = new URLSearchParams(location.search).get('as') || '';
let people = [];
let revision = -1;
const rendered = { group: new Map(), dm: new Map() };
// Times as the bureau reads them (China Standard Time), whatever the viewer's own time zone.
const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
// Answers to /api/state can arrive out of order (the 1 s poll and the refresh after a click overlap).
let asked = 0;
let shown = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c.nodeType ? c : String(c));
  return e;
}

function toast(t) {
  if (!t) return;
  const box = document.getElementById('toast');
  box.textContent = t.text;
  box.style.background = TONES[{ success: 'success', info: 'info', warning: 'warning', error: 'danger' }[t.kind]] || TONES.info;
  box.style.display = 'block';
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.style.display = 'none'), 4000);
}

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) toast({ kind: 'error', text: data.error || '请求失败' });
  else toast(data.toast);
  await refresh(true);
}

function section(s) {
  if (s.type === 'text') return el('div', { class: 'text' }, s.text);
  if (s.type === 'divider') return el('hr');
  if (s.type === 'fields') return el('dl', { class: 'fields' }, s.fields.map((f) => [el('dt', {}, f.label), el('dd', {}, f.value)]));
  if (s.type === 'list') return el('div', {}, s.title ? el('div', { class: 'listtitle' }, s.title) : null, el('ul', {}, s.items.map((i) => el('li', {}, i))));
  if (s.type === 'table') return el('table', {}, el('thead', {}, el('tr', {}, s.columns.map((c) => el('th', {}, c)))), el('tbody', {}, s.rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, c))))));
  if (s.type === 'chart') {
    const max = Math.max(1, ...s.chart.data.map((d) => d.value));
    return el('div', { class: 'bars', 'data-chart': s.chart.kind }, el('div', { class: 'listtitle' }, s.chart.title),
      s.chart.data.map((d) => el('div', { class: 'bar' }, el('span', { style: 'width:4em' }, d.label), el('span', { class: 'fill', style: 'width:' + Math.round((d.value / max) * 200) + 'px' }), el('span', {}, d.value))));
  }
  return el('div', {}, JSON.stringify(s));
}

function act(messageId, button, values) {
  return post('/local/api/act', { as: me, messageId, action: button.action, payload: button.payload, values, nonce: crypto.randomUUID() });
}

function formFields(fields) {
  return fields.map((f) => {
    let input;
    if (f.type === 'select') {
      input = el('select', { name: f.name }, el('option', { value: '' }, '请选择'), f.options.map((o) => el('option', { value: o.value }, o.label)));
      if (f.initial) input.value = f.initial;
    } else if (f.type === 'date') input = el('input', { type: 'date', name: f.name });
    else if (f.multiline) input = el('textarea', { name: f.name, rows: '3', maxlength: String(f.maxLength || 1000) });
    else input = el('input', { type: 'text', name: f.name, maxlength: String(f.maxLength || 1000), placeholder: f.placeholder || '' });
    if (f.required) input.required = true;
    return el('label', {}, f.label + (f.required ? ' *' : ''), input);
  });
}

function card(messageId, c) {
  const body = el('div', { class: 'body' }, c.sections.map(section));
  if (c.actions && c.actions.length) {
    body.append(el('div', { class: 'actions' }, c.actions.map((b) => el('button', { class: b.style || '', onclick: () => act(messageId, b) }, b.label))));
  }
  if (c.form) {
    const form = el('form', { 'data-form': c.form.name }, formFields(c.form.fields), el('div', { class: 'actions' }, el('button', { type: 'submit', class: c.form.submit.style || 'primary' }, c.form.submit.label)));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const values = {};
      for (const [k, v] of new FormData(form).entries()) values[k] = String(v);
      act(messageId, c.form.submit, values);
    });
    body.append(form);
  }
  return el('div', { class: 'card', 'data-card-key': c.key }, el('div', { class: 'title', style: 'background:' + (TONES[c.tone] || TONES.info) }, c.title), body);
}

function whoName(id) {
  if (id === 'bot') return '双随机机器人';
  const p = people.find((x) => x.localId === id);
  return p ? p.name : id;
}

function render(logId, messages) {
  const log = document.getElementById(logId);
  const known = rendered[logId];
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  for (const m of messages) {
    const prev = known.get(m.id);
    if (prev && prev.version >= m.version) continue;
    const node = el('div', { class: 'msg' + (m.from === me ? ' me' : ''), 'data-message-id': m.id }, el('div', { class: 'who' }, whoName(m.from) + ' · ' + TIME.format(new Date(m.at))), m.card ? card(m.id, m.card) : el('div', { class: 'bubble' }, m.text));
    if (prev) {
      keepTyped(prev.node, node);
      prev.node.replaceWith(node);
    } else log.append(node);
    known.set(m.id, { version: m.version, node });
  }
  if (atBottom) log.scrollTop = log.scrollHeight;
}

/** A form sent back with errors keeps what the person typed, so he corrects instead of refilling. */
function keepTyped(from, to) {
  const a = from.querySelector('form'), b = to.querySelector('form');
  if (!a || !b || a.dataset.form !== b.dataset.form) return;
  for (const f of b.elements) if (f.name && a.elements[f.name]) f.value = a.elements[f.name].value;
}

async function refresh(force) {
  const ticket = ++asked;
  const as = me;
  const res = await fetch('/local/api/state?as=' + encodeURIComponent(as));
  const s = await res.json();
  // Drop an answer older than one already shown, or one for the identity before a switch.
  if (ticket < shown || as !== me) return;
  shown = ticket;
  if (!me) me = s.as;
  if (people.length !== s.people.length) {
    people = s.people;
    const sel = document.getElementById('identity');
    sel.replaceChildren(...people.map((p) => el('option', { value: p.localId }, p.name + '（' + ({ leader: '局领导', admin: '管理员', officer: '执法人员' }[p.role]) + '，' + p.unit + '）')));
    sel.value = me;
  }
  document.getElementById('dm-title').textContent = whoName(me) + ' 与机器人的私聊';
  if (!force && s.revision === revision) return;
  revision = s.revision;
  render('group', s.group);
  render('dm', s.dm);
}

function send(which) {
  const input = document.getElementById(which + '-input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  post('/local/api/say', { as: me, conversation: which, text });
}

document.getElementById('identity').addEventListener('change', (e) => {
  me = e.target.value;
  history.replaceState(null, '', '?as=' + encodeURIComponent(me));
  revision = -1; // the first answer for the new identity, forced or polled, draws the emptied panels
  rendered.dm.clear();
  document.getElementById('dm').replaceChildren();
  rendered.group.clear();
  document.getElementById('group').replaceChildren();
  refresh(true);
});
for (const which of ['group', 'dm']) {
  document.getElementById(which + '-send').addEventListener('click', () => send(which));
  document.getElementById(which + '-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') send(which); });
}
refresh(true);
setInterval(() => refresh(false), 1000);
</script>
</body>
</html>`;
