/**
 * The page's card rendering (plain browser JavaScript, no build step): the neutral card view
 * models as HTML, and the forms' own checks. A form shows each problem under its field (the
 * page's required fields, or the server's list of problems, matched by the 「label」 each
 * names) and scrolls to the first; what a person types is kept as a draft until the form goes.
 */
export const PAGE_CARDS = /* js */ `
function section(s) {
  if (s.type === 'text') return el('div', { class: 'text' }, s.text);
  if (s.type === 'divider') return el('hr');
  if (s.type === 'link') return el('div', { class: 'link' }, el('a', { href: s.url, target: '_blank', rel: 'noopener' }, s.text));
  if (s.type === 'fields') return el('dl', { class: 'fields' }, s.fields.map((f) => [el('dt', {}, f.label), el('dd', {}, f.value)]));
  if (s.type === 'list') return el('div', {}, s.title ? el('div', { class: 'listtitle' }, s.title) : null, el('ul', {}, s.items.map((i) => el('li', {}, i))));
  if (s.type === 'table') {
    const table = el('table', {}, el('thead', {}, el('tr', {}, s.columns.map((c) => el('th', {}, c)))), el('tbody', {}, s.rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, c))))));
    return el('div', { class: 'table-wrap' }, table);
  }
  if (s.type === 'chart') {
    const max = Math.max(1, ...s.chart.data.map((d) => d.value));
    return el('div', { class: 'bars', 'data-chart': s.chart.kind }, el('div', { class: 'listtitle' }, s.chart.title),
      s.chart.data.map((d) => el('div', { class: 'bar' + (d.series ? ' s' + seriesIndex(s.chart, d.series) : '') }, el('span', {}, d.series ? d.label + '·' + d.series : d.label), el('span', { class: 'track' }, el('span', { class: 'fill', style: 'display:block;width:' + Math.round((d.value / max) * 100) + '%' })), el('span', {}, d.value))));
  }
  if (s.type === 'copy') {
    const pre = el('pre', { class: 'copy' }, s.text);
    const button = el('button', { type: 'button', class: 'copy-button', onclick: () => copyText(s.text, button) }, '复制');
    return el('div', { class: 'copy-block' }, el('div', { class: 'listtitle' }, s.label), pre, button);
  }
  return el('div', {}, JSON.stringify(s));
}

/** The position of a series among a chart's series (its colour). */
function seriesIndex(chart, series) {
  return [...new Set(chart.data.map((d) => d.series))].indexOf(series) % 4;
}

/** Copies to the clipboard where the page may (a secure context), else selects the text for Ctrl+C. */
function copyText(text, button) {
  const done = () => { button.textContent = '已复制'; setTimeout(() => { button.textContent = '复制'; }, 2000); };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, () => selectIn(button));
  else selectIn(button);
}

function selectIn(button) {
  const pre = button.parentElement.querySelector('pre');
  const range = document.createRange();
  range.selectNodeContents(pre);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  button.textContent = '已选中，请按 Ctrl+C 复制';
}

function formFields(fields) {
  return fields.map((f) => {
    let input;
    if (f.type === 'select') {
      input = el('select', { name: f.name }, el('option', { value: '' }, '请选择'), f.options.map((o) => el('option', { value: o.value }, o.label)));
      if (f.initial) input.value = f.initial;
    } else if (f.type === 'date') input = el('input', { type: 'date', name: f.name });
    else if (f.multiline) input = el('textarea', { name: f.name, rows: '3', maxlength: String(f.maxLength || 1000), placeholder: f.placeholder || '' });
    else input = el('input', { type: 'text', name: f.name, maxlength: String(f.maxLength || 1000), placeholder: f.placeholder || '' });
    if (f.type !== 'select' && f.initial) input.value = f.initial;
    if (f.required) input.required = true;
    return el('label', { 'data-field': f.name, 'data-label': f.label }, f.label + (f.required ? ' *' : ''), input);
  });
}

/** The field a problem is about: the first 「…」 it names, matched to a label (「企业负责人」 → 企业负责人（签字人…）). */
function fieldOf(form, problem) {
  const m = /「([^」]+)」/.exec(problem);
  if (!m) return null;
  for (const label of form.querySelectorAll('label[data-field]')) {
    const l = label.dataset.label;
    if (l === m[1] || l.startsWith(m[1] + '（') || l.startsWith(m[1] + ' ')) return label;
  }
  return null;
}

/** Shows each problem under its field; returns the first field with one. */
function showProblems(form, problems) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const label of form.querySelectorAll('label.invalid')) label.classList.remove('invalid');
  let first = null;
  for (const p of problems) {
    const label = fieldOf(form, p);
    if (!label) continue;
    label.classList.add('invalid');
    label.querySelector('input, select, textarea').setAttribute('aria-invalid', 'true');
    label.append(el('div', { class: 'field-error', role: 'alert' }, p));
    first = first || label;
  }
  return first;
}

function scrollToProblem(label) {
  label.scrollIntoView({ block: 'center' });
  label.querySelector('input, select, textarea').focus({ preventScroll: true });
}

/** Required fields left empty, in Chinese (the browser's own bubbles speak the browser's language). */
function missing(form) {
  const problems = [];
  for (const label of form.querySelectorAll('label[data-field]')) {
    const input = label.querySelector('input, select, textarea');
    if (input.required && !input.value.trim()) problems.push((input.tagName === 'SELECT' ? '请选择' : '请填写') + '「' + label.dataset.label.split('（')[0] + '」。');
  }
  return problems;
}

function cardForm(messageId, c, problems) {
  const form = el('form', { 'data-form': c.form.name, novalidate: '' }, formFields(c.form.fields), el('div', { class: 'actions' }, el('button', { type: 'submit', class: c.form.submit.style || 'primary' }, c.form.submit.label)));
  restoreDraft(messageId, form);
  form.addEventListener('input', () => saveDraft(messageId, form));
  form.addEventListener('change', () => saveDraft(messageId, form));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const first = showProblems(form, missing(form));
    if (first) return scrollToProblem(first);
    const values = {};
    for (const [k, v] of new FormData(form).entries()) values[k] = String(v);
    submitted = messageId;
    act(messageId, c.form.submit, values);
  });
  if (problems.length) showProblems(form, problems);
  return form;
}

function card(messageId, c) {
  const body = el('div', { class: 'body' }, c.sections.map(section));
  if (c.actions && c.actions.length) {
    body.append(el('div', { class: 'actions' }, c.actions.map((b) => el('button', { class: b.style || '', onclick: () => act(messageId, b) }, b.label))));
  }
  if (c.form) body.append(cardForm(messageId, c, c.sections.filter((s) => s.type === 'list').flatMap((s) => s.items)));
  return el('div', { class: 'card', 'data-card-key': c.key }, el('div', { class: 'title', style: 'background:' + (TONES[c.tone] || TONES.info) }, c.title), body);
}
`;
