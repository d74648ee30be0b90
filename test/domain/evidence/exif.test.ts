import { describe, expect, it } from 'vitest';
import { exifCaptureTime } from '../../../src/domain/evidence/exif';
import { evidenceRefusal, evidenceType } from '../../../src/domain/evidence/limits';
import { jpegWithExif, PLAIN_JPEG } from '../../support/jpeg';

describe('EXIF capture time', () => {
  it('reads DateTimeOriginal from the ExifIFD, in either byte order, not the file’s DateTime', () => {
    expect(exifCaptureTime(jpegWithExif('2026:03:02 10:15:30'))).toBe('2026-03-02T10:15:30');
    expect(exifCaptureTime(jpegWithExif('2025:12:31 23:59:59', { byteOrder: 'MM' }))).toBe('2025-12-31T23:59:59');
  });

  it('the file is still a JPEG: the segment sits after SOI and the image data follows unchanged', () => {
    const jpeg = jpegWithExif('2026:03:02 10:15:30');
    expect([...jpeg.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe1]);
    expect(jpeg.subarray(-PLAIN_JPEG.length + 2).equals(PLAIN_JPEG.subarray(2))).toBe(true);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('gives nothing for a photo without EXIF, an unset date, or bytes that are not a JPEG, and never throws', () => {
    expect(exifCaptureTime(PLAIN_JPEG)).toBeUndefined();
    expect(exifCaptureTime(jpegWithExif('0000:00:00 00:00:00', { dateTime: '0000:00:00 00:00:00' }))).toBeUndefined();
    expect(exifCaptureTime(new TextEncoder().encode('not a jpeg'))).toBeUndefined();
    const cut = jpegWithExif('2026:03:02 10:15:30').subarray(0, 40);
    expect(exifCaptureTime(cut)).toBeUndefined();
    for (let n = 0; n < 200; n++) {
      const noisy = Buffer.from(jpegWithExif('2026:03:02 10:15:30'));
      noisy[4 + ((n * 7) % 80)] = (n * 31) & 0xff;
      expect(() => exifCaptureTime(noisy)).not.toThrow();
    }
  });
});

describe('evidence limits', () => {
  it('takes photos, documents and videos up to 20 MB, and says why it refuses', () => {
    expect(evidenceType('现场.JPG', 'application/octet-stream')).toBe('image/jpeg');
    expect(evidenceRefusal({ name: 'a.jpg', contentType: 'image/jpeg', size: 100 })).toBeUndefined();
    expect(evidenceRefusal({ name: 'a.jpg', contentType: 'image/jpeg', size: 21 * 1024 * 1024 })).toMatch(/超过 20 MB 的上限，未保存/);
    expect(evidenceRefusal({ name: 'run.exe', contentType: 'application/x-msdownload', size: 100 })).toMatch(/类型不能作为证据保存：可以发送照片/);
    expect(evidenceRefusal({ name: 'a.pdf', contentType: 'application/pdf', size: 0 })).toMatch(/是空文件/);
  });
});
