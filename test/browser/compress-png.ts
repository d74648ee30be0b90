/**
 * Screenshots as small PNGs: a palette of at most 256 colours (libimagequant through sharp) at
 * zlib's highest level, about a quarter of Chromium's own PNG for a card, with its colours and
 * text intact. sharp comes with wrangler (miniflare depends on it) and is not declared by this
 * project: without it the pictures are kept as Chromium wrote them, and a warning says so.
 */
type Sharp = typeof import('sharp');

let loaded: Promise<Sharp | undefined> | undefined;

function loadSharp(): Promise<Sharp | undefined> {
  loaded ??= import('sharp').then(
    (m) => (m as { default?: Sharp }).default ?? (m as unknown as Sharp),
    () => {
      console.warn('sharp is not installed: the manual pictures are written uncompressed (npm install --save-dev sharp).');
      return undefined;
    },
  );
  return loaded;
}

export async function compressPng(png: Buffer): Promise<Buffer> {
  const sharp = await loadSharp();
  if (!sharp) return png;
  return sharp(png).png({ palette: true, colours: 256, compressionLevel: 9, effort: 10 }).toBuffer();
}
