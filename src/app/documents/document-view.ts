/**
 * A printable 执法文书 as plain data, like a CardView for cards: built from the stored record by
 * the builders beside this file, rendered to .docx by src/print (the DocumentRenderer port).
 */
export type DocBlock =
  /** The agency's name and the document's name, centred (宋体, the heading of the official forms). */
  | { type: 'title'; agency: string; name: string }
  /** The document number, right-aligned under the title. */
  | { type: 'number'; text: string }
  /** A paragraph; `indent`: first line indented two characters, as official text is. */
  | { type: 'paragraph'; text: string; indent?: boolean; bold?: boolean; align?: 'left' | 'right' | 'center' }
  /** A ruled table; the first row is a header when `header`. `widths` in percent. */
  | { type: 'table'; rows: string[][]; widths?: number[]; header?: boolean }
  /** Empty lines, e.g. room for a signature or a seal. */
  | { type: 'space'; lines: number };

export type DocumentKind = 'inspection-record' | 'rectification-order' | 'recheck-opinion';

export const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  'inspection-record': '现场检查记录',
  'rectification-order': '责令限期整改指令书',
  'recheck-opinion': '整改复查意见书',
};

export interface DocumentView {
  kind: DocumentKind;
  /** 文书编号 (see document-number.ts). */
  number: string;
  /** The file name to save it under, e.g. `现场检查记录-偃应急现记〔2026〕1-1号.docx`. */
  fileName: string;
  /** The 复查 round an 整改复查意见书 reports. */
  round?: number;
  /** Metadata of the file (title, subject). */
  title: string;
  blocks: DocBlock[];
}

/** The .docx file type. */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
