/** One-line CSV splitting for the holiday override file (no multi-line quoted fields). */

/** Drops empty cells at the end of a row (Excel pads rows with commas). */
export function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}

/** Splits one CSV line; fields may be wrapped in "…" with "" for a quote. Cells are trimmed. */
export function splitCsvLine(line: string): { ok: true; cells: string[] } | { ok: false; error: string } {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return { ok: false, error: '引号不成对，请检查该行的英文双引号“"”。' };
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += line[i];
        i++;
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') {
        return { ok: false, error: '引号后应紧跟英文逗号“,”，请检查该行的双引号。' };
      }
    } else {
      const end = line.indexOf(',', i);
      cell = (end === -1 ? line.slice(i) : line.slice(i, end)).trim();
      i = end === -1 ? line.length : end;
    }
    cells.push(cell.trim());
    if (i >= line.length) return { ok: true, cells };
    i++; // skip the comma
  }
}
