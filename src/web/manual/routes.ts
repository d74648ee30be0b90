import { Hono } from 'hono';
import { MANUAL_PAGES, manualPath, type ManualPage } from '../../app/manual-link';
import { MANUAL_IMAGES, MANUAL_MARKDOWN } from './content.generated';
import { pageTitle, renderMarkdown, type ImageSizes } from './render';
import { MANUAL_STYLE } from './style';

/** What the nav calls each page. */
const NAV: Record<ManualPage, string> = { index: '开始', leader: '局领导', officer: '执法人员', admin: '管理员', public: '公众与监督', faq: '常见问题' };

/** A picture's name as the manual writes it: nothing that could leave docs/manual/images. */
const IMAGE_NAME = /^[a-z0-9-]+\.png$/;

export interface ManualDeps {
  /** The bytes of a picture of docs/manual/images, by file name (already checked to be one of them); undefined when missing. */
  readImage(name: string): Promise<Uint8Array | undefined>;
  /** Default: the generated module (docs/manual as of the last `npm run docs:manual`). */
  markdown?: Record<ManualPage, string>;
  images?: ImageSizes;
}

function layout(current: ManualPage | undefined, title: string, body: string): string {
  const nav = MANUAL_PAGES.map((p) => `<li><a href="${manualPath(p)}"${p === current ? ' aria-current="page"' : ''}>${NAV[p]}</a></li>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 双随机抽查机器人使用手册</title>
<style>${MANUAL_STYLE}</style>
</head><body>
<header><div class="in"><a href="/manual">双随机抽查机器人 · 使用手册</a></div></header>
<nav aria-label="手册目录"><ul>${nav}</ul></nav>
<main>
${body}
</main>
<footer>本手册中的图片均为机器人实际界面的截图（演示数据均为虚构）。在聊天中发送 /help 可随时查看可用的命令。</footer>
</body></html>`;
}

/**
 * The user manual at `/manual`: docs/manual rendered once at start-up, one page per role and a
 * start page, the pictures from docs/manual/images. Only those pages and pictures are served;
 * any other name is a 404 in Chinese (nothing is looked up on disk by a name from the request).
 */
export function manualRoutes(deps: ManualDeps): Hono {
  const markdown = deps.markdown ?? MANUAL_MARKDOWN;
  const images = deps.images ?? MANUAL_IMAGES;
  const pages = new Map<string, string>(MANUAL_PAGES.map((p) => [p, layout(p, pageTitle(markdown[p]), renderMarkdown(markdown[p], images))]));
  const notFound = (path: string) =>
    layout(
      undefined,
      '没有这一页',
      `<h1>没有这一页</h1><p>手册中没有“${path.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).slice(0, 200)}”这一页。请从上方目录中选择，或回到<a href="/manual">手册首页</a>。</p>`,
    );

  const app = new Hono();
  app.get('/', (c) => c.html(pages.get('index')!));
  app.get('/images/:file', async (c) => {
    const file = c.req.param('file');
    const bytes = IMAGE_NAME.test(file) && images[file] ? await deps.readImage(file) : undefined;
    if (!bytes) return c.html(notFound(c.req.path), 404);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' });
  });
  app.get('/:page', (c) => {
    const html = pages.get(c.req.param('page').replace(/\.md$/, ''));
    return html ? c.html(html) : c.html(notFound(c.req.path), 404);
  });
  app.get('*', (c) => {
    // `/manual/` and `/manual/leader/`, as people type them: to the page without the slash.
    const trimmed = c.req.path.replace(/\/+$/, '');
    const page = trimmed.split('/')[2];
    if (trimmed !== c.req.path && (page === undefined || pages.has(page))) return c.redirect(trimmed, 301);
    return c.html(notFound(c.req.path), 404);
  });
  return app;
}
