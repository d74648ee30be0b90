import { PAGE_CARDS } from './page-cards';
import { PAGE_SCRIPT } from './page-script';
import { PAGE_STYLE } from './page-style';

/** The composers, the identity menu and the phone tabs; started last, once everything above is defined. */
const PAGE_CONTROLS = /* js */ `
function markUnread(logId) {
  const tab = document.getElementById('tab-' + logId);
  if (tab.getAttribute('aria-selected') !== 'true') tab.classList.add('unread');
}

/** On a phone, one chat at a time; the one shown again continues at its newest message if it was there. */
function showTab(which) {
  const main = document.querySelector('main');
  const was = main.dataset.tab;
  if (was && was !== which && document.getElementById(was).clientHeight > 0) stick[was] = atEnd(document.getElementById(was));
  main.dataset.tab = which;
  const log = document.getElementById(which);
  if (stick[which]) log.scrollTop = log.scrollHeight;
  for (const t of ['group', 'dm']) {
    const tab = document.getElementById('tab-' + t);
    tab.setAttribute('aria-selected', String(t === which));
    if (t === which) tab.classList.remove('unread');
  }
}

function restoreComposers() {
  for (const which of ['group', 'dm']) document.getElementById(which + '-input').value = drafts.get('composer:' + which) || '';
}

/** Sends what was typed; it leaves the box only once the server has it. */
async function send(which) {
  const input = document.getElementById(which + '-input');
  const text = input.value.trim();
  if (!text || !me) return;
  if (await post('/local/api/say', { as: me, conversation: which, text })) {
    if (input.value.trim() === text) input.value = '';
    drafts.drop('composer:' + which);
  }
}

/** A file chosen with 上传 (a photo or file as evidence, or an administrator's register): sent as a file message in the direct chat. */
async function upload(file) {
  if (!file || !me) return;
  let res;
  try {
    res = await fetch('/local/api/upload?as=' + encodeURIComponent(me) + '&name=' + encodeURIComponent(file.name), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
  } catch {
    offline(true);
    toast({ kind: 'error', text: '无法连接服务器，文件未发送，请稍后重新选择。' });
    return;
  }
  offline(false);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) toast({ kind: 'error', text: data.error || '服务器暂时无法处理（' + res.status + '），请稍后重试。' });
  else toast(data.toast);
  showTab('dm');
  await refresh(true);
}
document.getElementById('dm-file').addEventListener('change', async (e) => {
  const input = e.target;
  await upload(input.files[0]);
  input.value = '';
});

document.getElementById('identity').addEventListener('change', (e) => {
  me = e.target.value;
  history.replaceState(null, '', '?as=' + encodeURIComponent(me));
  revision = null; // the first answer for the new identity, forced or polled, draws the emptied panels
  for (const which of ['group', 'dm']) {
    rendered[which].clear();
    document.getElementById(which).replaceChildren();
  }
  restoreComposers();
  refresh(true);
});
for (const which of ['group', 'dm']) {
  const input = document.getElementById(which + '-input');
  document.getElementById(which + '-send').addEventListener('click', () => send(which));
  document.getElementById('tab-' + which).addEventListener('click', () => showTab(which));
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.isComposing) send(which); });
  input.addEventListener('input', () => drafts.set('composer:' + which, input.value));
}
showTab('group');
if (me) restoreComposers();
refresh(true);
setInterval(() => refresh(false), 1000);
`;

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
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
  <h1>双随机抽查机器人 · 本地模拟</h1>
  <label>我是：<select id="identity" data-testid="identity"></select></label>
  <span class="note">本地模拟用于演示和试用，不连接飞书或钉钉；消息与正式平台走同一流程。</span>
</header>
<div id="offline" role="status" data-testid="offline">无法连接服务器：正在重试。未发送的内容已保留在输入框中。</div>
<nav class="tabs" role="tablist">
  <button id="tab-group" role="tab" data-testid="tab-group">工作群</button>
  <button id="tab-dm" role="tab" data-testid="tab-dm">私聊</button>
</nav>
<main>
  <section class="chat" id="group-panel"><h2>工作群（应急局双随机工作群）</h2><div class="log" id="group" data-testid="group-log"></div>
    <div class="composer"><input id="group-input" data-testid="group-input" enterkeyhint="send" placeholder="输入 /draw 机械 建材 5家 每组2人 或 /help"><button id="group-send" data-testid="group-send">发送</button></div></section>
  <section class="chat" id="dm-panel"><h2 id="dm-title">与机器人的私聊</h2><div class="log" id="dm" data-testid="dm-log"></div>
    <div class="composer"><label class="upload" title="证据：先在任务卡上点“上传证据”，再发送照片或文件；管理员：发送 .xlsx 或 .csv 名录文件，预览后确认导入">上传<span class="sr-only">照片或文件</span><input type="file" id="dm-file" data-testid="dm-file" accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.xlsm,.csv,.mp4,.mov"></label><input id="dm-input" data-testid="dm-input" enterkeyhint="send" placeholder="输入 /tasks 查看我的任务"><button id="dm-send" data-testid="dm-send">发送</button></div></section>
</main>
<div id="toast" data-testid="toast" role="status"></div>
<script>${PAGE_SCRIPT}${PAGE_CARDS}${PAGE_CONTROLS}</script>
</body>
</html>`;
