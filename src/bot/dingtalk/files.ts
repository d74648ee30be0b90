/**
 * Files for DingTalk robot file messages (`sampleFile`). The media upload
 * (`POST https://oapi.dingtalk.com/media/upload`, `type=file`) takes at most 20 MB and only
 * doc, docx, xls, xlsx, ppt, pptx, zip, pdf and rar; any other file (a CSV export, say) is sent
 * inside a zip of the same name, so that it still arrives rather than being refused.
 */
import type { OutgoingFile } from '../../app/ports/messenger';

export const DINGTALK_FILE_TYPES: ReadonlySet<string> = new Set(['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'zip', 'pdf', 'rar']);
export const DINGTALK_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The extension DingTalk's `fileType` names (lower case), or '' when the name has none. */
export function fileTypeOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** What is uploaded for `file`: the file itself when DingTalk takes its type, else a zip holding it. */
export function dingtalkUpload(file: OutgoingFile): { name: string; bytes: Uint8Array<ArrayBuffer> } {
  const bytes = new Uint8Array(Buffer.from(file.base64, 'base64'));
  if (DINGTALK_FILE_TYPES.has(fileTypeOf(file.name))) return { name: file.name, bytes };
  return { name: `${file.name.replace(/\.[^.]*$/, '') || file.name}.zip`, bytes: storedZip(file.name, bytes) };
}

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of one file, stored (not compressed), its name in UTF-8 (general purpose flag bit 11). */
export function storedZip(name: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const fileName = new TextEncoder().encode(name);
  const crc = crc32(data);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true); // version needed
  local.setUint16(6, 0x0800, true); // UTF-8 names
  local.setUint16(8, 0, true); // stored
  local.setUint32(14, crc, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, data.length, true);
  local.setUint16(26, fileName.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true); // version made by
  central.setUint16(6, 20, true);
  central.setUint16(8, 0x0800, true);
  central.setUint16(10, 0, true);
  central.setUint32(16, crc, true);
  central.setUint32(20, data.length, true);
  central.setUint32(24, data.length, true);
  central.setUint16(28, fileName.length, true);
  central.setUint32(42, 0, true); // offset of the local header
  const centralStart = 30 + fileName.length + data.length;
  const centralSize = 46 + fileName.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, centralStart, true);
  const out = new Uint8Array(centralStart + centralSize + 22);
  let at = 0;
  for (const part of [new Uint8Array(local.buffer), fileName, data, new Uint8Array(central.buffer), fileName, new Uint8Array(end.buffer)]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
