import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { docxParagraphs, isWellFormed, readZip } from './zip-reader';

/**
 * Opens a generated .docx as Word would find it (the parts a document needs, well-formed XML, A4,
 * the fonts) and returns its text, one line per paragraph, table cells included.
 */
export function openDocx(bytes: Uint8Array): { text: string[]; xml: string } {
  const parts = readZip(bytes);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']) {
    expect(parts.has(part), part).toBe(true);
  }
  const xml = parts.get('word/document.xml')!.toString('utf8');
  expect(isWellFormed(xml)).toBe(true);
  expect(parts.get('[Content_Types].xml')!.toString('utf8')).toContain('wordprocessingml.document.main+xml');
  expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  return { text: docxParagraphs(xml), xml };
}

/**
 * The text compared with `test/fixtures/documents/<name>.txt` (written anew with UPDATE_FIXTURES=1).
 * Only the document's text is compared: the parts that change with each generation (creation
 * time in docProps/core.xml, the archive's timestamps) are not in it.
 */
export function expectFixture(name: string, text: string[]): void {
  const path = join(import.meta.dirname, '..', 'fixtures', 'documents', `${name}.txt`);
  const body = `${text.join('\n').trimEnd()}\n`;
  if (process.env.UPDATE_FIXTURES) writeFileSync(path, body);
  expect(body).toBe(readFileSync(path, 'utf8'));
}

/** The bytes of a file message of the local chat, as its download link serves them. */
export async function localFileBytes(
  app: { request(path: string): Response | Promise<Response> },
  message: { id: string; conversation: string },
): Promise<Uint8Array> {
  const res = await app.request(localFileUrl(message));
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** The local chat's download address of a file message, as the page builds it for someone in its conversation. */
export function localFileUrl(message: { id: string; conversation: string }): string {
  const as = message.conversation.startsWith('dm:') ? message.conversation.slice(3) : 'leader';
  return `/local/files/${message.id}?as=${encodeURIComponent(as)}`;
}
