import type { UseCaseResult } from '../app/use-case';
import type { CardView } from '../app/views/card-view';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from './command';
import type { CliOutcome } from './run-as-operator';

/** Prints what a use case run by {@link runAsOperator} gave and returns the exit code (0, or 1 when refused). */
export function finish(io: CliIo, outcome: CliOutcome<UseCaseResult>): number {
  if (!outcome.ok) {
    printRefusal(io, outcome.refusal);
    return EXIT_FAILURE;
  }
  printResult(io, outcome.value);
  return EXIT_OK;
}

/** A use case's answer on stdout: the reply (text, or the card as text), then any card or toast. */
export function printResult(io: CliIo, result: UseCaseResult): void {
  const reply = result.reply;
  if (reply) io.out(reply.type === 'text' ? reply.text : reply.type === 'file' ? `文件：${reply.file.name}` : cardText(reply.card));
  if (result.card) io.out(cardText(result.card));
  if (result.toast?.kind === 'error') io.err(result.toast.text);
  else if (result.toast) io.out(result.toast.text);
}

/**
 * A refusal on stderr, saying that nothing was saved (the transaction was rolled back): one
 * reason on the same line, several (e.g. one per row of a file) as a list.
 */
export function printRefusal(io: CliIo, reason: string): void {
  const lines = reason.split('\n').filter((l) => l.trim() !== '');
  io.err(lines.length === 1 ? `未保存任何内容：${lines[0]}` : `未保存任何内容：\n${lines.map((l) => `  - ${l}`).join('\n')}`);
}

/** A card view as plain text: the title, then each section; buttons and forms are left out (nothing to click). */
export function cardText(card: CardView): string {
  const lines = [`【${card.title}】`];
  for (const s of card.sections) {
    if (s.type === 'text') lines.push(s.text);
    else if (s.type === 'fields') lines.push(...s.fields.map((f) => `${f.label}：${f.value}`));
    else if (s.type === 'list') lines.push(...(s.title ? [s.title] : []), ...s.items.map((i) => `  · ${i}`));
    else if (s.type === 'table') lines.push(...tableLines(s.columns, s.rows));
    else if (s.type === 'link') lines.push(`${s.text}：${s.url}`);
    else if (s.type === 'chart') lines.push(`${s.chart.title}：${chartText(s.chart.data)}`);
    else lines.push('');
  }
  return lines.join('\n');
}

/** `机械 3，建材 1`; a grouped chart per label: `第一批 机械 目标 5 / 已抽取 2；…`. */
function chartText(data: ReadonlyArray<{ label: string; value: number; series?: string }>): string {
  if (!data.some((d) => d.series !== undefined)) return data.map((d) => `${d.label} ${d.value}`).join('，');
  const labels = [...new Set(data.map((d) => d.label))];
  return labels
    .map(
      (label) =>
        `${label} ${data
          .filter((d) => d.label === label)
          .map((d) => `${d.series ?? ''} ${d.value}`)
          .join(' / ')}`,
    )
    .join('；');
}

/** Columns padded to the widest cell, a CJK character counting as two. */
function tableLines(columns: string[], rows: string[][]): string[] {
  const width = (t: string) =>
    [...t].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = columns.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - width(c)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map(line)];
}
