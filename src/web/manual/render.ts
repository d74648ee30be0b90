import { Marked, Renderer, type Tokens } from 'marked';
import { MANUAL_PAGES, manualPath, type ManualPage } from '../../app/manual-link';

/** A picture's size, from the generated module (width and height attributes keep the layout still while it loads). */
export type ImageSizes = Record<string, { width: number; height: number }>;

/** Below this width the `-phone.png` picture is shown instead of the `-desktop.png` one. */
const PHONE_MAX_WIDTH = 640;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A heading's anchor as GitHub makes it (lower case, punctuation dropped, spaces to hyphens,
 * Chinese kept), so that `leader.md#撤销抽取` works on GitHub and on `/manual/leader#撤销抽取`.
 */
export function headingId(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** `leader.md#x` → `/manual/leader#x`, `images/a.png` → `/manual/images/a.png`; anything else as written. */
export function manualHref(href: string): string {
  const page = /^(?:\.\/)?([a-z]+)\.md(#.*)?$/.exec(href);
  if (page && (MANUAL_PAGES as readonly string[]).includes(page[1]!)) return `${manualPath(page[1] as ManualPage)}${page[2] ?? ''}`;
  const image = /^(?:\.\/)?images\/([a-z0-9-]+\.png)$/.exec(href);
  if (image) return `/manual/images/${image[1]}`;
  return href;
}

/** The picture for both widths: `x-desktop.png` with its `x-phone.png` as the source on a phone. */
function picture(href: string, alt: string, images: ImageSizes): string {
  const file = /^(?:\.\/)?images\/([a-z0-9-]+)\.png$/.exec(href)?.[1];
  if (!file) return `<img src="${escapeHtml(href)}" alt="${escapeHtml(alt)}">`;
  const size = (name: string) => (images[name] ? ` width="${images[name].width}" height="${images[name].height}"` : '');
  const img = `<img src="/manual/images/${file}.png" alt="${escapeHtml(alt)}"${size(`${file}.png`)} loading="lazy">`;
  const phone = file.endsWith('-desktop') ? `${file.slice(0, -'-desktop'.length)}-phone.png` : undefined;
  if (!phone || !images[phone]) return img;
  return `<picture><source media="(max-width: ${PHONE_MAX_WIDTH}px)" srcset="/manual/images/${phone}"${size(phone)}>${img}</picture>`;
}

/** The markdown of one page as HTML: links between pages and pictures pointed at `/manual`, headings with anchors, wide tables scrolling in their box. */
export function renderMarkdown(markdown: string, images: ImageSizes): string {
  // Marked calls these with its own renderer as `this` (its parser set), after `use`.
  const renderer = {
    table(this: Renderer, token: Tokens.Table) {
      return `<div class="table-wrap">${Renderer.prototype.table.call(this, token)}</div>\n`;
    },
    heading(this: Renderer, { tokens, depth, text }: Tokens.Heading) {
      return `<h${depth} id="${escapeHtml(headingId(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
    link(this: Renderer, { href, title, tokens }: Tokens.Link) {
      return `<a href="${escapeHtml(manualHref(href))}"${title ? ` title="${escapeHtml(title)}"` : ''}>${this.parser.parseInline(tokens)}</a>`;
    },
    image: ({ href, text }: Tokens.Image) => picture(href, text, images),
  };
  return new Marked({ gfm: true, renderer }).parse(markdown, { async: false });
}

/** The page's title: its first `# ` heading. */
export function pageTitle(markdown: string): string {
  return /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? '使用手册';
}
