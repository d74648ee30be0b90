/**
 * Real JPEG files for the evidence tests: an 8×8 baseline JPEG (made once with an image library,
 * kept here as base64) and an EXIF APP1 segment written by a TIFF writer of its own, inserted
 * after the start-of-image marker as cameras do.
 */

/** 8×8 pixels, baseline, no metadata. */
export const PLAIN_JPEG = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCQAIqQ/9k=',
  'base64',
);

interface Tag {
  tag: number;
  ascii?: string;
  long?: number;
}

/** One IFD at `offset` of the TIFF, its out-of-line values after it; returns its bytes. */
function ifd(tags: Tag[], offset: number, le: boolean): Buffer {
  const size = 2 + tags.length * 12 + 4;
  const head = Buffer.alloc(size);
  const extra: Buffer[] = [];
  let extraAt = offset + size;
  const u16 = (v: number, at: number) => (le ? head.writeUInt16LE(v, at) : head.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? head.writeUInt32LE(v, at) : head.writeUInt32BE(v, at));
  u16(tags.length, 0);
  tags.forEach((t, i) => {
    const e = 2 + i * 12;
    u16(t.tag, e);
    if (t.ascii !== undefined) {
      const value = Buffer.from(`${t.ascii}\0`, 'ascii');
      u16(2, e + 2);
      u32(value.length, e + 4);
      if (value.length <= 4) value.copy(head, e + 8);
      else {
        u32(extraAt, e + 8);
        extra.push(value);
        extraAt += value.length;
      }
    } else {
      u16(4, e + 2);
      u32(1, e + 4);
      u32(t.long!, e + 8);
    }
  });
  u32(0, size - 4);
  return Buffer.concat([head, ...extra]);
}

/**
 * The JPEG with an Exif APP1 segment: IFD0 (Make, DateTime, the ExifIFD pointer) and the ExifIFD
 * with DateTimeOriginal `original` (`YYYY:MM:DD HH:MM:SS`), in either byte order.
 */
export function jpegWithExif(original: string, o: { byteOrder?: 'II' | 'MM'; dateTime?: string; jpeg?: Buffer } = {}): Buffer {
  const le = (o.byteOrder ?? 'II') === 'II';
  const header = Buffer.alloc(8);
  header.write(le ? 'II' : 'MM', 0, 'ascii');
  if (le) {
    header.writeUInt16LE(42, 2);
    header.writeUInt32LE(8, 4);
  } else {
    header.writeUInt16BE(42, 2);
    header.writeUInt32BE(8, 4);
  }
  const ifd0Tags = (exifAt: number): Tag[] => [
    { tag: 0x010f, ascii: 'TestCam' },
    { tag: 0x0132, ascii: o.dateTime ?? '2026:03:09 18:00:00' },
    { tag: 0x8769, long: exifAt },
  ];
  const probe = ifd(ifd0Tags(0), 8, le);
  const ifd0 = ifd(ifd0Tags(8 + probe.length), 8, le);
  const exif = ifd([{ tag: 0x9003, ascii: original }], 8 + ifd0.length, le);
  const tiff = Buffer.concat([header, ifd0, exif]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  const jpeg = o.jpeg ?? PLAIN_JPEG;
  return Buffer.concat([jpeg.subarray(0, 2), app1, payload, jpeg.subarray(2)]);
}
