/**
 * The simulator page's CSS. Wide screens show the group and the direct chat side by side; below
 * 760 px one of them at a time, chosen by the 工作群 / 私聊 tabs, and every card, form and table
 * fits the width (a wide table scrolls inside its card, never the page).
 */
export const PAGE_STYLE = /* css */ `
  :root { --info:#1f6feb; --success:#1a7f37; --warning:#b26b00; --danger:#cf222e; --neutral:#57606a; --line:#d0d7de; }
  * { box-sizing: border-box; }
  html, body { height: 100%; }
  body { margin: 0; display: flex; flex-direction: column; height: 100vh; height: 100dvh; font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: #eef1f5; color: #1f2328; }
  header { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; padding: 8px 16px; background: #fff; border-bottom: 1px solid var(--line); }
  header h1 { font-size: 16px; margin: 0; }
  header label { display: flex; align-items: center; gap: 4px; min-width: 0; }
  header select { font: inherit; max-width: 100%; min-width: 0; padding: 3px 4px; }
  header .note { color: var(--neutral); font-size: 12px; }
  #offline { display: none; padding: 8px 16px; background: #fff8c5; border-bottom: 1px solid #d4a72c; color: #6b4b00; }
  body.offline #offline { display: block; }
  nav.tabs { display: none; }
  main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; padding: 12px; }
  section.chat { display: flex; flex-direction: column; background: #fff; border: 1px solid var(--line); border-radius: 8px; min-height: 0; min-width: 0; }
  section.chat h2 { font-size: 14px; margin: 0; padding: 8px 12px; border-bottom: 1px solid var(--line); background: #f6f8fa; border-radius: 8px 8px 0 0; }
  .log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; }
  .empty { color: var(--neutral); text-align: center; margin: auto 0; }
  .msg { max-width: 92%; min-width: 0; }
  .msg.me { align-self: flex-end; }
  .msg .who { font-size: 12px; color: var(--neutral); }
  .bubble { background: #f6f8fa; border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg.me .bubble { background: #ddf4ff; }
  .card { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; background: #fff; }
  .card > .title { color: #fff; padding: 6px 10px; font-weight: 600; overflow-wrap: anywhere; }
  .card .body { padding: 8px 10px; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
  .card .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  .fields { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 10px; margin: 0; }
  .fields dt { color: var(--neutral); } .fields dd { margin: 0; overflow-wrap: anywhere; }
  .table-wrap { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; white-space: nowrap; }
  td { min-width: 4em; }
  ul { margin: 0; padding-left: 20px; }
  .listtitle { font-weight: 600; }
  pre.copy { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.5 ui-monospace, monospace; }
  .bars .bar { display: grid; grid-template-columns: 5em minmax(0, 1fr) auto; align-items: center; gap: 6px; }
  .bars .track { min-width: 0; } .bars .fill { background: var(--info); height: 12px; min-width: 1px; }
  .bars .bar.s1 .fill { background: #1a7f37; } .bars .bar.s2 .fill { background: #bf8700; } .bars .bar.s3 .fill { background: #8250df; }
  .bars .bar.s0, .bars .bar.s1, .bars .bar.s2, .bars .bar.s3 { grid-template-columns: 8em minmax(0, 1fr) auto; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; }
  button { font: inherit; padding: 4px 12px; min-height: 32px; border-radius: 6px; border: 1px solid var(--line); background: #f6f8fa; color: inherit; cursor: pointer; }
  button.primary { background: var(--success); color: #fff; border-color: var(--success); }
  button.danger { color: var(--danger); }
  form label { display: block; font-size: 13px; margin-top: 6px; }
  form input, form select, form textarea { font: inherit; width: 100%; max-width: 100%; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
  form .invalid input, form .invalid select, form .invalid textarea { border-color: var(--danger); outline: 1px solid var(--danger); }
  .field-error { color: var(--danger); font-size: 12px; margin-top: 2px; }
  .composer { display: flex; gap: 6px; padding: 8px; border-top: 1px solid var(--line); }
  .composer .upload { display: flex; align-items: center; padding: 0 6px; cursor: pointer; border: 1px solid var(--line); border-radius: 6px; }
  .composer .upload input { position: absolute; width: 1px; height: 1px; opacity: 0; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .composer input:not([type=file]) { flex: 1; min-width: 0; font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
  #toast { position: fixed; right: 16px; top: 64px; z-index: 10; padding: 8px 14px; border-radius: 6px; color: #fff; display: none; max-width: 40%; white-space: pre-wrap; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
  @media (max-width: 760px) {
    header { padding: 6px 10px; }
    header h1 { font-size: 15px; }
    header label { flex: 1 1 100%; }
    header select { flex: 1; }
    header .note { display: none; }
    nav.tabs { display: flex; background: #fff; border-bottom: 1px solid var(--line); }
    nav.tabs button { flex: 1; border: 0; border-radius: 0; background: none; min-height: 42px; border-bottom: 3px solid transparent; font-weight: 600; color: var(--neutral); }
    nav.tabs button[aria-selected="true"] { color: var(--info); border-bottom-color: var(--info); }
    nav.tabs button.unread::after { content: ""; display: inline-block; width: 8px; height: 8px; margin-left: 6px; border-radius: 50%; background: var(--danger); vertical-align: middle; }
    main { display: block; padding: 0; }
    main section.chat { height: 100%; border: 0; border-radius: 0; }
    main[data-tab="group"] #dm-panel, main[data-tab="dm"] #group-panel { display: none; }
    section.chat h2 { border-radius: 0; }
    .log { padding: 8px; }
    .msg { max-width: 100%; }
    .msg.me { max-width: 88%; }
    button { min-height: 38px; }
    form input, form select, form textarea, .composer input { font-size: 16px; }
    #toast { left: 10px; right: 10px; top: 8px; max-width: none; } /* over the header, not over the newest message */
  }
`;
