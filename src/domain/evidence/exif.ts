/**
 * EXIF DateTimeOriginal (tag 0x9003, the moment the photo was taken) from a JPEG's APP1 segment,
 * read without any library: JPEG markers up to the first APP1 `Exif\0\0`, then the TIFF header
 * (byte order `II`/`MM`, magic 42), IFD0, its ExifIFD pointer (0x8769), and the ASCII value
 * `YYYY:MM:DD HH:MM:SS`. Returned as `YYYY-MM-DDTHH:MM:SS` in the camera's own clock (EXIF 2.x has
 * no time zone here). Anything malformed or missing gives undefined, never an exception.
 */
const EXIF_IFD_POINTER = 0x8769;
const DATE_TIME_ORIGINAL = 0x9003;
const DATE_TIME = 0x0132;

export function exifCaptureTime(bytes: Uint8Array): string | undefined {
  try {
    const tiff = exifTiff(bytes);
    return tiff ? captureTime(tiff) : undefined;
  } catch {
    return undefined;
  }
}

/** The TIFF structure inside the JPEG's Exif APP1 segment. */
function exifTiff(b: Uint8Array): DataView | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined; // SOI
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI, start of scan: no more metadata
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (length < 2 || at + 2 + length > b.length) return undefined;
    const start = at + 4;
    if (marker === 0xe1 && length >= 8 && String.fromCharCode(...b.subarray(start, start + 6)) === 'Exif\0\0') {
      return new DataView(b.buffer, b.byteOffset + start + 6, length - 8);
    }
    at += 2 + length;
  }
  return undefined;
}

function captureTime(t: DataView): string | undefined {
  const order = String.fromCharCode(t.getUint8(0), t.getUint8(1));
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  if (t.getUint16(2, le) !== 42) return undefined;
  const ifd0 = t.getUint32(4, le);
  const exifIfd = entryValue(t, ifd0, EXIF_IFD_POINTER, le);
  const original = exifIfd !== undefined ? asciiEntry(t, exifIfd, DATE_TIME_ORIGINAL, le) : undefined;
  const raw = original ?? asciiEntry(t, ifd0, DATE_TIME, le);
  const m = raw ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(raw) : null;
  if (!m || m[1] === '0000') return undefined;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}

/** The entry `tag` of the IFD at `offset`: its 4-byte value field read as a LONG (an offset or a value). */
function entryValue(t: DataView, offset: number, tag: number, le: boolean): number | undefined {
  const e = findEntry(t, offset, tag, le);
  return e === undefined ? undefined : t.getUint32(e + 8, le);
}

function asciiEntry(t: DataView, offset: number, tag: number, le: boolean): string | undefined {
  const e = findEntry(t, offset, tag, le);
  if (e === undefined || t.getUint16(e + 2, le) !== 2) return undefined; // type 2 = ASCII
  const count = t.getUint32(e + 4, le);
  const at = count <= 4 ? e + 8 : t.getUint32(e + 8, le);
  if (at + count > t.byteLength) return undefined;
  let s = '';
  for (let i = 0; i < count; i++) {
    const c = t.getUint8(at + i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

function findEntry(t: DataView, offset: number, tag: number, le: boolean): number | undefined {
  if (offset + 2 > t.byteLength) return undefined;
  const n = t.getUint16(offset, le);
  for (let i = 0; i < n; i++) {
    const e = offset + 2 + i * 12;
    if (e + 12 > t.byteLength) return undefined;
    if (t.getUint16(e, le) === tag) return e;
  }
  return undefined;
}
