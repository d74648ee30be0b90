import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

const COOKIE = 'local_chat_token';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Guards the local chat simulator with `LOCAL_CHAT_TOKEN` (required in production: the simulator
 * lets its user act as anyone). The token is accepted as `Authorization: Bearer …`, as the
 * cookie this sets, or once as `?token=…` on the page (which sets the cookie, so the page's own
 * API calls carry it). Compared in constant time; anything else is 401.
 */
export function localChatGuard(token: string): MiddlewareHandler {
  return async (c, next) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const query = c.req.query('token');
    const given = bearer ?? getCookie(c, COOKIE) ?? query;
    if (!given || !same(given, token)) return c.json({ error: '本地模拟聊天需要访问令牌（LOCAL_CHAT_TOKEN）。' }, 401);
    if (query !== undefined) setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/local' });
    await next();
  };
}
