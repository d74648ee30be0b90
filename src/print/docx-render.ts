/**
 * DocumentView -> .docx (npm `docx`), as the official forms are printed: A4, margins of GB/T
 * 9704-2012 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), headings in 宋体 (二号 bold),
 * text in 仿宋 (四号, 小四 in tables), fixed line spacing. Word and WPS map the East Asian font
 * names 宋体 / 仿宋 to their own faces. Everything on the page comes from the view; nothing here
 * reads the record.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DocumentRenderer } from '../app/ports/documents';
import type { DocBlock, DocumentView } from '../app/documents/document-view';

const MM = 56.7; // twips per millimetre
const SONG = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体' };
const FANG = { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋' };
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const SIZE = { title: 44, agency: 32, body: 28, table: 24 };
const LINE = { line: 460, lineRule: 'exact' as const };
const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function run(text: string, opts: { bold?: boolean; size?: number; font?: typeof SONG } = {}): TextRun {
  return new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? SIZE.body, font: opts.font ?? FANG });
}

function cell(text: string, width: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: text.split('\n').map((line) => new Paragraph({ children: [run(line, { bold: header, size: SIZE.table })] })),
  });
}

function table(b: Extract<DocBlock, { type: 'table' }>): Table {
  const columns = Math.max(...b.rows.map((r) => r.length));
  const widths = b.widths ?? Array.from({ length: columns }, () => Math.floor(100 / columns));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: b.rows.map(
      (r, i) => new TableRow({ tableHeader: b.header && i === 0, children: r.map((c, j) => cell(c, widths[j] ?? widths.at(-1)!, !!b.header && i === 0)) }),
    ),
  });
}

function blocks(b: DocBlock): Array<Paragraph | Table> {
  switch (b.type) {
    case 'title':
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(b.agency, { size: SIZE.agency, font: SONG })] }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120, after: 240 },
          children: [run(b.name, { bold: true, size: SIZE.title, font: SONG })],
        }),
      ];
    case 'number':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 200 }, children: [run(b.text)] })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: ALIGN[b.align ?? 'left'],
          spacing: { ...LINE, before: 60 },
          ...(b.indent ? { indent: { firstLine: 2 * SIZE.body * 10 } } : {}),
          children: [run(b.text, { bold: b.bold ?? false })],
        }),
      ];
    case 'table':
      return [table(b), new Paragraph({ spacing: { after: 60 }, children: [] })];
    case 'space':
      return Array.from({ length: b.lines }, () => new Paragraph({ spacing: LINE, children: [] }));
  }
}

/** The view as a .docx file's bytes. */
export async function renderDocx(view: DocumentView): Promise<Uint8Array> {
  const doc = new Document({
    creator: view.blocks.find((b) => b.type === 'title')?.agency ?? '',
    title: view.title,
    subject: view.number,
    styles: { default: { document: { run: { font: FANG, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM } } },
        children: view.blocks.flatMap(blocks),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const docxRenderer: DocumentRenderer = { render: renderDocx };
