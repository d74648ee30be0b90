import { ROLE_LABELS } from '../../app/labels';

/**
 * The page's script (plain browser JavaScript, no build step): polls the chat state, sends what
 * is typed or clicked, and keeps the person's work when things go wrong. The server cannot be
 * reached → a banner says so and the typed text stays; a reload → composer and form drafts come
 * back from localStorage. Without `?as=` the server picks the leader, and the address then says so.
 */
export const PAGE_SCRIPT = /* js */ `
const TONES = { info: 'var(--info)', success: 'var(--success)', warning: 'var(--warning)', danger: 'var(--danger)', neutral: 'var(--neutral)' };
const ROLES = ${JSON.stringify(ROLE_LABELS)};
let me = new URLSearchParams(location.search).get('as') || '';
let people = [];
let revision = null;
let submitted = null; // the message whose form was just sent: its answer scrolls to the first problem
const rendered = { group: new Map(), dm: new Map() };
// Whether a chat follows its newest message; kept while its panel is hidden (a phone shows one at a time).
const stick = { group: true, dm: true };
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

function offline(down) {
  document.body.classList.toggle('offline', down);
}

/** localStorage that never throws (private windows, full quota): a lost draft is no reason to fail. */
const drafts = {
  key: (name) => 'local-chat:' + me + ':' + name,
  get(name) { try { return JSON.parse(localStorage.getItem(drafts.key(name)) || 'null'); } catch { return null; } },
  set(name, v) { try { localStorage.setItem(drafts.key(name), JSON.stringify(v)); } catch {} },
  drop(name) { try { localStorage.removeItem(drafts.key(name)); } catch {} },
};

function saveDraft(messageId, form) {
  const values = {};
  for (const f of form.elements) if (f.name) values[f.name] = f.value;
  drafts.set('form:' + messageId, { form: form.dataset.form, values });
}

function restoreDraft(messageId, form) {
  const d = drafts.get('form:' + messageId);
  if (!d || d.form !== form.dataset.form) return;
  for (const f of form.elements) if (f.name && d.values[f.name] !== undefined) f.value = d.values[f.name];
}

/** POSTs to the API; true when the server took it. Network failures and refusals are said in Chinese. */
async function post(path, body) {
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    offline(true);
    toast({ kind: 'error', text: '无法连接服务器，未发送；输入的内容已保留，恢复后请重新发送。' });
    return false;
  }
  offline(false);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) toast({ kind: 'error', text: data.error || '服务器暂时无法处理（' + res.status + '），请稍后重试。' });
  else toast(data.toast);
  await refresh(true);
  return res.ok;
}

function act(messageId, button, values) {
  return post('/local/api/act', { as: me, messageId, action: button.action, payload: button.payload, values, nonce: crypto.randomUUID() });
}

function whoName(id) {
  if (id === 'bot') return '双随机机器人';
  const p = people.find((x) => x.localId === id);
  return p ? p.name : id;
}

/** A file the bot sent: its name and size, as a download link. */
function fileBubble(m) {
  const kb = Math.max(1, Math.round(m.file.size / 1024));
  const base = location.pathname.endsWith('/') ? location.pathname.slice(0, -1) : location.pathname;
  const href = base + '/files/' + encodeURIComponent(m.id) + '?as=' + encodeURIComponent(me);
  // Words, not an emoji: a machine without an emoji font shows a box.
  return el('div', { class: 'bubble file' }, '附件：', el('a', { href: href, download: m.file.name, 'data-testid': 'file-link' }, m.file.name + '（' + kb + ' KB，点击下载）'));
}

function render(logId, messages) {
  const log = document.getElementById(logId);
  const known = rendered[logId];
  const atBottom = log.clientHeight > 0 ? atEnd(log) : stick[logId];
  let news = false;
  let problem = null;
  for (const m of messages) {
    const prev = known.get(m.id);
    if (prev && prev.version >= m.version) continue;
    const node = el('div', { class: 'msg' + (m.from === me ? ' me' : ''), 'data-message-id': m.id }, el('div', { class: 'who' }, whoName(m.from) + ' · ' + TIME.format(new Date(m.at))), m.card ? card(m.id, m.card) : m.file ? fileBubble(m) : el('div', { class: 'bubble' }, m.text));
    if (prev) {
      keepTyped(prev.node, node);
      prev.node.replaceWith(node);
    } else {
      log.append(node);
      news = true;
    }
    if (!m.card || !m.card.form) drafts.drop('form:' + m.id);
    if (m.id === submitted) {
      submitted = null;
      problem = node.querySelector('label.invalid');
    }
    known.set(m.id, { version: m.version, node });
  }
  log.querySelector('.empty')?.remove();
  if (!log.children.length) log.append(el('div', { class: 'empty' }, logId === 'group' ? '群里还没有消息。输入 /help 查看可用命令。' : '还没有私聊消息。'));
  if (problem) scrollToProblem(problem);
  else if (atBottom) log.scrollTop = log.scrollHeight;
  stick[logId] = atBottom;
  if (news && revision !== null) markUnread(logId);
}

function atEnd(log) {
  return log.scrollHeight - log.scrollTop - log.clientHeight < 40;
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
  let s;
  try {
    const res = await fetch('/local/api/state' + (as ? '?as=' + encodeURIComponent(as) : ''));
    if (!res.ok) throw new Error(String(res.status)); // a server still starting, or its database away
    s = await res.json();
  } catch {
    offline(true);
    return;
  }
  offline(false);
  // Drop an answer older than one already shown, or one for the identity before a switch.
  if (ticket < shown || as !== me) return;
  shown = ticket;
  if (s.notice) toast({ kind: 'info', text: s.notice });
  if (me !== s.as) {
    me = s.as; // the first visit acts as the leader; the address says so from now on
    history.replaceState(null, '', '?as=' + encodeURIComponent(me));
    restoreComposers();
  }
  if (people.length !== s.people.length) {
    people = s.people;
    const sel = document.getElementById('identity');
    sel.replaceChildren(...people.map((p) => el('option', { value: p.localId }, p.name + '（' + ROLES[p.role] + '，' + p.unit + '）')));
  }
  document.getElementById('identity').value = me;
  document.getElementById('dm-title').textContent = whoName(me) + ' 与机器人的私聊';
  if (!force && s.revision === revision) return;
  if (revision === null) stick.group = stick.dm = true; // a new page or identity opens at the newest message
  render('group', s.group);
  render('dm', s.dm);
  revision = s.revision;
}
`;
