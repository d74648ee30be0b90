/**
 * Keeping a card within a platform's limits (Feishu: 30 KB body, 200 components): long lists and
 * tables are cut with a note that says how many items there are and where to see them all. What
 * "fits" is the caller's test (render.ts renders and measures), so this file knows no renderer.
 */
import type { CardSection, CardView } from '../../app/views/card-view';

/** UTF-8 size of the serialised card, which is what Feishu measures against 30 KB. */
export function cardByteSize(card: object): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

/** Tagged elements, nested ones included (`plain_text` counts too, per the 2.0 docs). */
export function countComponents(v: unknown): number {
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + countComponents(x), 0);
  if (!v || typeof v !== 'object') return 0;
  const own = typeof (v as Record<string, unknown>)['tag'] === 'string' ? 1 : 0;
  return Object.values(v).reduce<number>((n, x) => n + countComponents(x), own);
}

export const truncationNote = (total: number, shown: number) => `（共 ${total} 项，仅显示前 ${shown} 项；完整内容请在公开页或导出文件查看）`;

function itemCount(s: CardSection): number {
  switch (s.type) {
    case 'table':
      return s.rows.length;
    case 'list':
      return s.items.length;
    case 'fields':
      return s.fields.length;
    case 'chart':
      return s.chart.data.length;
    default:
      return 0;
  }
}

function capSection(s: CardSection, cap: number): CardSection {
  switch (s.type) {
    case 'table':
      return { ...s, rows: s.rows.slice(0, cap) };
    case 'list':
      return { ...s, items: s.items.slice(0, cap) };
    case 'fields':
      return { ...s, fields: s.fields.slice(0, cap) };
    case 'chart':
      return { ...s, chart: { ...s.chart, data: s.chart.data.slice(0, cap) } };
    default:
      return s;
  }
}

function withCap(view: CardView, cap: number): CardView {
  const sections = view.sections.flatMap((s): CardSection[] => {
    const n = itemCount(s);
    return n > cap ? [capSection(s, cap), { type: 'text', text: truncationNote(n, cap) }] : [s];
  });
  return { ...view, sections };
}

/**
 * Shrinks a view until `fits` accepts it: first caps every long table/list/fields/chart at the
 * largest common length that fits (binary search) and notes what was cut; then shortens long
 * texts; last, drops trailing sections. Returns the view unchanged when it already fits.
 */
export function shrinkToFit(view: CardView, fits: (view: CardView) => boolean): CardView {
  if (fits(view)) return view;
  let lo = 0;
  let hi = Math.max(0, ...view.sections.map(itemCount));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(withCap(view, mid))) lo = mid;
    else hi = mid - 1;
  }
  let out = withCap(view, lo);
  if (fits(out)) return out;
  const sections = out.sections.map((s) => (s.type === 'text' && s.text.length > 500 ? { ...s, text: `${s.text.slice(0, 500)}…` } : s));
  out = { ...out, sections };
  for (let keep = sections.length - 1; keep >= 0 && !fits(out); keep--) {
    const note: CardSection = { type: 'text', text: `（内容过多，其余 ${sections.length - keep} 部分未显示；完整内容请在公开页或导出文件查看）` };
    out = { ...out, sections: [...sections.slice(0, keep), note] };
  }
  return out;
}
