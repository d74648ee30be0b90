import type { DocumentView } from '../documents/document-view';

/** Renders a printable document (src/print/docx-render.ts: .docx). */
export interface DocumentRenderer {
  render(view: DocumentView): Promise<Uint8Array>;
}
