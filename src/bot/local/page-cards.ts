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
  if (s.type === 'fields') return el('dl', { class: 'fields' }, s.fields.map((f) => [el('dt', {}, f.label), el('dd', {}, f.value)]));
  if (s.type === 'list') return el('div', {}, s.title ? el('div', { class: 'listtitle' }, s.title) : null, el('ul', {}, s.items.map((i) => el('li', {}, i))));
  if (s.type === 'table') {
    const table = el('table', {}, el('thead', {}, el('tr', {}, s.columns.map((c) => el('th', {}, c)))), el('tbody', {}, s.rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, c))))));
    return el('div', { class: 'table-wrap' }, table);
  }
  if (s.type === 'chart' && s.chart.data.some((d) => d.series !== undefined)) return groupedChart(s.chart);
  if (s.type === 'chart') {
    const max = Math.max(1, ...s.chart.data.map((d) => d.value));
    return el('div', { class: 'bars', 'data-chart': s.chart.kind }, el('div', { class: 'listtitle' }, s.chart.title),
      s.chart.data.map((d) => el('div', { class: 'bar' }, el('span', {}, d.label), el('span', { class: 'track' }, el('span', { class: 'fill', style: 'display:block;width:' + Math.round((d.value / max) * 100) + '%' })), el('span', {}, d.value))));
  }
  return el('div', {}, JSON.stringify(s));
}

const SERIES_COLOURS = ['#8c8c8c', '#1677ff', '#fa8c16', '#52c41a', '#722ed1', '#eb2f96'];

function svg(tag, attrs, ...children) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c.nodeType ? c : String(c));
  return e;
}

/** A grouped bar chart as inline SVG: one row per label, one bar per series, values written beside the bars. */
function groupedChart(c) {
  const series = [...new Set(c.data.map((d) => d.series || ''))];
  const labels = [...new Set(c.data.map((d) => d.label))];
  const max = Math.max(1, ...c.data.map((d) => d.value));
  const barH = 9, gap = 2, labelW = 110, chartW = 300, valueW = 40;
  const groupH = series.length * (barH + gap) + 10;
  const root = svg('svg', { viewBox: '0 0 ' + (labelW + chartW + valueW) + ' ' + (labels.length * groupH + 4), width: '100%', role: 'img', 'aria-label': c.title, class: 'chart-svg' }, svg('title', {}, c.title));
  labels.forEach((label, i) => {
    const top = i * groupH;
    root.append(svg('text', { x: labelW - 6, y: top + (series.length * (barH + gap)) / 2 + 4, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, label));
    series.forEach((name, j) => {
      const d = c.data.find((x) => x.label === label && (x.series || '') === name);
      const value = d ? d.value : 0;
      const y = top + j * (barH + gap);
      const w = value > 0 ? Math.max(1, (value / max) * chartW) : 0;
      root.append(svg('rect', { x: labelW, y, width: w, height: barH, fill: SERIES_COLOURS[j % SERIES_COLOURS.length], 'data-label': label, 'data-series': name, 'data-value': value }, svg('title', {}, label + ' ' + name + '：' + value)));
      root.append(svg('text', { x: labelW + w + 4, y: y + barH - 1, 'font-size': 9, fill: 'currentColor' }, String(value)));
    });
  });
  const legend = el('div', { class: 'legend' }, series.map((name, j) => el('span', {}, el('i', { style: 'background:' + SERIES_COLOURS[j % SERIES_COLOURS.length] }), name)));
  return el('div', { class: 'chart', 'data-chart': 'grouped' }, el('div', { class: 'listtitle' }, c.title), root, legend);
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
