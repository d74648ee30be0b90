/**
 * What may be attached to an inspection as evidence (行政处罚法 第四十七条: 文字、音像 full-process
 * record): photos, documents and short videos, each at most {@link EVIDENCE_MAX_BYTES}.
 */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};
const ALLOWED = new Set(Object.values(TYPES));
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic' };

/** The file's type: the declared one when allowed, else by its name's extension. */
export function evidenceType(name: string, declared: string): string | undefined {
  const d = declared.toLowerCase().split(';')[0]!.trim();
  if (ALLOWED.has(d)) return d;
  return TYPES[name.toLowerCase().split('.').pop() ?? ''];
}

/** The name with the extension of its type when it has none (a photo sent as a photo: `照片-<key>` → `照片-<key>.jpg`). */
export function evidenceName(name: string, contentType: string): string {
  return /\.[A-Za-z0-9]{1,5}$/.test(name) || !EXTENSION[contentType] ? name : `${name}.${EXTENSION[contentType]}`;
}

const startsWith = (b: Uint8Array, at: number, ascii: string) => [...ascii].every((c, i) => b[at + i] === c.charCodeAt(0));

/**
 * The type the bytes themselves say, for the kinds whose first bytes are unambiguous (a photo
 * sent as a photo has no name to go by); undefined for the rest (Office files are ZIP or OLE
 * inside: their name decides).
 */
export function sniffEvidenceType(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && startsWith(b, 1, 'PNG')) return 'image/png';
  if (startsWith(b, 0, 'RIFF') && startsWith(b, 8, 'WEBP')) return 'image/webp';
  if (startsWith(b, 0, '%PDF')) return 'application/pdf';
  if (startsWith(b, 4, 'ftyp')) {
    if (startsWith(b, 8, 'heic') || startsWith(b, 8, 'heix') || startsWith(b, 8, 'mif1')) return 'image/heic';
    return startsWith(b, 8, 'qt  ') ? 'video/quicktime' : 'video/mp4';
  }
  return undefined;
}

/** Why a file cannot be attached, in Chinese, or undefined when it can. */
export function evidenceRefusal(file: { name: string; contentType: string; size: number }): string | undefined {
  if (file.size === 0) return `“${file.name}”是空文件，未保存。`;
  if (file.size > EVIDENCE_MAX_BYTES)
    return `“${file.name}”有 ${(file.size / 1048576).toFixed(1)} MB，超过 20 MB 的上限，未保存：请压缩后重新发送，或分成几份。`;
  if (!evidenceType(file.name, file.contentType)) {
    return `“${file.name}”的类型不能作为证据保存：可以发送照片（JPG、PNG、WEBP、HEIC）、PDF、Word、Excel 或视频（MP4、MOV）。`;
  }
  return undefined;
}
