/**
 * 10 000 malformed or mutated bodies to every POST route (the Feishu and DingTalk callbacks, the
 * local chat), over loopback to the whole bot on PGlite: never a 5xx, never an unhandled error,
 * nothing reaching `Object.prototype`, and the heap back where it was once they are over.
 *
 * Mutations are seeded (the same run every time): whole bodies that are not what the route
 * reads (empty, truncated, random bytes, deep nesting, JSON of the wrong type), byte edits of a
 * valid body (flips, cuts, NULs, broken UTF-8), and value edits of a valid payload (a field
 * removed, of the wrong type, a prototype word, an id past 2^31, a NUL, half a surrogate pair,
 * a long string). On Feishu a value edit is encrypted and signed again, so it passes the
 * signature and reaches the normalizer and the router; DingTalk signs the headers only, so every
 * body reaches them. Whatever was accepted into the inbox is then processed through the router.
 */
import { serve } from '@hono/node-server';
import { Agent, type Server as HttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/ports/clock';
import { fixedRandom } from '../../src/app/ports/random';
import { dingtalkSign } from '../../src/bot/dingtalk/verify';
import { encryptFeishu, feishuSignature } from '../../src/bot/feishu/verify';
import { loadConfig } from '../../src/config';
import { buildNodeRuntime, type NodeRuntime } from '../../src/deps';
import { RateLimiter } from '../../src/jobs/rate-limiter';
import type { Logger } from '../../src/logger';
import { cardActionPayload, messageEventPayload } from '../fakes/feishu-deliveries';
import { robotMessagePayload } from '../fakes/dingtalk-deliveries';
import { TEST_DRAW_KEY } from '../support/draw-key';
import { databaseKinds, openTestDatabase } from '../support/test-db';

/**
 * 10 000 bodies to each of the six routes (HOSTILE_BODIES_PER_ROUTE for a shorter or longer run;
 * about 90 s on an idle machine). The first {@link OVER_SOCKETS} of each route's go over a
 * loopback socket to the Node server, the rest into the same app in-process, which costs a
 * fraction of the time (the body limit over real sockets has its own test in hostile-input.test.ts).
 */
const PER_ROUTE = Number(process.env.HOSTILE_BODIES_PER_ROUTE ?? 10_000);
const OVER_SOCKETS = 300;
const TOKEN = 'hostile-verification-token';
const ENCRYPT_KEY = 'hostile-encrypt-key';
const DT_KEY = 'dinghostilekey';
const DT_SECRET = 'dingtalk-hostile-secret';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}
type Rng = ReturnType<typeof seeded>;

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  2 ** 31,
  2 ** 53 + 1,
  '',
  ' ',
  '0x10',
  '１０',
  '-1',
  '99999999999999999999',
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '\u0000',
  '\ud800',
  'a\udc00b',
  '/draw 机械\u0000 2家',
  '/constructor',
  '/__proto__',
  '/toString',
  '/bind',
  '/outbox',
  '=HYPERLINK("http://x")',
  'x'.repeat(3000),
  '中'.repeat(2001),
  [],
  [[[[]]]],
  {},
  { __proto__: null, polluted: 1 },
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', '', '\u0000', 'action', 'value', 'taskId'];

/** One to three value edits (most of them make the payload one its route refuses). */
function mutateValue(rng: Rng, value: unknown): unknown {
  let v = value;
  for (let n = 1 + rng.int(3); n > 0; n--) v = mutateOnce(rng, v);
  return v;
}

/** A value edit of a JSON value: somewhere in it, a field replaced, removed or added. */
function mutateOnce(rng: Rng, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 6 || rng.next() < 0.25) {
    // Strings that are JSON (a Feishu message's `content`, a DingTalk card's `value`) are edited inside too.
    if (typeof value === 'string' && /^[[{]/.test(value) && rng.next() < 0.7) {
      try {
        return JSON.stringify(mutateOnce(rng, JSON.parse(value), depth + 1));
      } catch {
        /* not JSON after all */
      }
    }
    return rng.pick(HOSTILE_VALUES);
  }
  if (Array.isArray(value)) {
    const copy = [...value];
    if (copy.length && rng.next() < 0.8) copy[rng.int(copy.length)] = mutateOnce(rng, copy[rng.int(copy.length)], depth + 1);
    else copy.push(rng.pick(HOSTILE_VALUES));
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const roll = rng.next();
  if (keys.length && roll < 0.7) {
    const k = rng.pick(keys);
    copy[k] = mutateOnce(rng, copy[k], depth + 1);
  } else if (keys.length && roll < 0.85) {
    delete copy[rng.pick(keys)];
  } else {
    Object.defineProperty(copy, rng.pick(HOSTILE_KEYS), { value: rng.pick(HOSTILE_VALUES), enumerable: true, configurable: true, writable: true });
  }
  return copy;
}

/** A byte edit of a serialised body. */
function mutateBytes(rng: Rng, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const at = rng.int(Math.max(1, bytes.length));
  switch (rng.int(6)) {
    case 0:
      return bytes.subarray(0, at);
    case 1: {
      const copy = Buffer.from(bytes);
      for (let i = 0; i < 1 + rng.int(4); i++) copy[rng.int(copy.length)] = rng.int(256);
      return copy;
    }
    case 2:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick(['\u0000', '\\u0000', '\\ud800', '"', '}', ',', '\\']), 'utf8'), bytes.subarray(at)]);
    case 3:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([rng.pick([0xff, 0xc3, 0xed, 0xa0, 0xf0, 0x80])]), bytes.subarray(at)]);
    case 4:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(rng.int(bytes.length))]);
    default:
      return Buffer.from(text.replace(/"[^"]*"/, rng.pick(['"\u202e"', '1', 'null', '[]', '{}'])), 'utf8');
  }
}

/** A body that is not what any route reads. */
function junk(rng: Rng): Buffer {
  switch (rng.int(9)) {
    case 0:
      return Buffer.alloc(0);
    case 1:
      return Buffer.from(rng.pick(['null', '[]', '"x"', '1e999', 'true', '{}', '{"encrypt":1}', '{"encrypt":""}', '{"type":"url_verification"}']));
    case 2:
      return Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    case 3:
      return Buffer.from(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`);
    case 4:
      return Buffer.from(Array.from({ length: 1 + rng.int(512) }, () => rng.int(256)));
    case 5:
      return Buffer.from(JSON.stringify({ text: 'x'.repeat(200_000 + rng.int(400_000)) }));
    case 6:
      return Buffer.from(JSON.stringify({ encrypt: 'A'.repeat(1 + rng.int(5000)) }));
    case 7:
      return Buffer.from(JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ [`k${i}`]: i }))));
    default:
      return Buffer.from('\ufeff{"schema":"2.0"}');
  }
}

interface Shot {
  body: Buffer;
  headers: Record<string, string>;
}

/** A logger that keeps only what the test reads: no memory of its own that grows with the requests. */
function errorsOnlyLogger() {
  const errors: Array<{ msg: string; data?: Record<string, unknown> }> = [];
  const ignore = () => {};
  const logger: Logger = {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (msg, data) => {
      if (errors.length < 50) errors.push({ msg, data });
    },
  };
  return { logger, errors };
}

const kind = databaseKinds()[0]!;

describe(`hostile bodies to every POST route [${kind}]`, () => {
  let runtime: NodeRuntime;
  let server: ReturnType<typeof serve>;
  let base: string;
  const log = errorsOnlyLogger();
  const clock = fixedClock('2026-03-02T01:30:00Z');
  let gc: () => void;
  let cardMessageId = '';

  beforeAll(async () => {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
    const database = await openTestDatabase(kind);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOCAL_CHAT: '1',
      DEMO_DATA: '1',
      FEISHU_APP_ID: 'cli_0123456789abcdef',
      FEISHU_APP_SECRET: 'feishu-hostile-secret',
      FEISHU_VERIFICATION_TOKEN: TOKEN,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      // Nothing is sent in this test: replies stay in the outbox.
      FEISHU_BASE_URL: 'http://127.0.0.1:9',
      DINGTALK_APP_KEY: DT_KEY,
      DINGTALK_APP_SECRET: DT_SECRET,
      DINGTALK_CARD_TEMPLATE_ID: 'tpl.schema',
      DINGTALK_BASE_URL: 'http://127.0.0.1:9',
      INBOX_MAX_BACKLOG: '1000000',
    });
    runtime = await buildNodeRuntime(config, log.logger, {
      clock,
      random: fixedRandom(5),
      drawKey: TEST_DRAW_KEY,
      database,
      background: false,
      limiter: new RateLimiter(1e9, 1e9),
    });
    server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
    // The in-process shots between two routes' socket shots can outlast Node's 5 s keep-alive on
    // a loaded machine: the server then closes an idle connection just as the client reuses it
    // (a "socket hang up" that says nothing about the body).
    (server as HttpServer).keepAliveTimeout = 10 * 60_000;
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A card in the group, for the local chat's clicks to aim at.
    await post('/local/api/say', { body: Buffer.from(JSON.stringify({ as: 'leader', conversation: 'group', text: '/help' })), headers: JSON_HEADERS });
    cardMessageId = runtime.local!.conversation('group').find((m) => m.card)?.id ?? runtime.local!.conversation('group')[0]!.id;
  });
  afterAll(async () => {
    agent.destroy();
    server?.close();
    await runtime?.stop();
  });

  const JSON_HEADERS = { 'content-type': 'application/json' };

  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  /**
   * The status over loopback (keep-alive connections). A body over the largest route limit goes on
   * a connection of its own: the server answers 413 before reading it and closes that connection,
   * which the client may see as a reset while it is still sending (counted as the 413 it is).
   */
  function post(path: string, shot: Shot): Promise<number> {
    const big = shot.body.length > 64 * 1024;
    return new Promise((resolve, reject) => {
      const req = request(
        `${base}${path}`,
        {
          method: 'POST',
          headers: { ...shot.headers, 'content-length': String(shot.body.length), ...(big ? { connection: 'close' } : {}) },
          agent: big ? false : agent,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (big && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) resolve(413);
        else reject(new Error(`${path}: ${shot.body.length} bytes: ${shot.body.subarray(0, 200).toString('latin1')}`, { cause: error }));
      });
      req.end(shot.body);
    });
  }

  const now = () => clock.now().getTime();
  const feishuShot = (text: string): Shot => {
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = 'n0nce';
    return {
      body: Buffer.from(text),
      headers: {
        'content-type': 'application/json',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': feishuSignature(timestamp, nonce, ENCRYPT_KEY, text),
      },
    };
  };
  const sealed = (payload: unknown) => JSON.stringify({ encrypt: encryptFeishu(JSON.stringify(payload), ENCRYPT_KEY) });
  /** A Feishu route's shot: junk, a byte edit of the sealed payload, or a value edit sealed and signed again. */
  const feishuShoot = (rng: Rng, valid: unknown): Shot => {
    const roll = rng.next();
    if (roll < 0.15) return feishuShot(junk(rng).toString('latin1'));
    if (roll < 0.3) return { ...feishuShot(sealed(valid)), body: mutateBytes(rng, sealed(valid)) };
    return feishuShot(sealed(mutateValue(rng, valid)));
  };
  const dingtalkHeaders = () => ({ 'content-type': 'application/json', timestamp: String(now()), sign: dingtalkSign(String(now()), DT_SECRET) });

  /** The valid payload each route reads; a shot is a mutation of it (or junk). */
  const routes: Array<{ path: string; valid: (i: number) => unknown; shoot: (rng: Rng, valid: unknown) => Shot }> = [
    {
      path: '/feishu/events',
      valid: (i) =>
        messageEventPayload({
          token: TOKEN,
          text: '@_user_1 /status',
          chatId: 'oc_g',
          messageId: `om_h${i % 50}`,
          eventId: `ev_h${i % 50}`,
          createTime: now(),
        }),
      shoot: feishuShoot,
    },
    {
      path: '/feishu/cards',
      valid: (i) =>
        cardActionPayload({
          token: TOKEN,
          value: { action: 'task.confirm', taskId: String(1 + (i % 5)) },
          messageId: `om_card${i % 7}`,
          eventId: `ev_c${i % 50}`,
        }),
      shoot: feishuShoot,
    },
    {
      path: '/dingtalk/events',
      valid: (i) =>
        robotMessagePayload({ text: ' /status', senderStaffId: 'staff_x', conversationId: 'cidG==', group: true, msgId: `dt_h${i % 50}`, robotCode: DT_KEY }),
      shoot: (rng, valid) => {
        const roll = rng.next();
        if (roll < 0.15) return { body: junk(rng), headers: dingtalkHeaders() };
        if (roll < 0.4) return { body: mutateBytes(rng, JSON.stringify(valid)), headers: dingtalkHeaders() };
        return { body: Buffer.from(JSON.stringify(mutateValue(rng, valid))), headers: dingtalkHeaders() };
      },
    },
    {
      path: '/dingtalk/cards',
      valid: (i) => {
        const value = JSON.stringify({ action: 'task.confirm', taskId: String(1 + (i % 5)) });
        const content = JSON.stringify({ cardPrivateData: { actionIds: ['btn1'], params: { value, space: 'IM_GROUP:cidG==' } } });
        return {
          outTrackId: `ot${i % 7}`,
          corpId: 'dingcorp',
          userId: 'staff_x',
          spaceType: 'IM_GROUP',
          spaceId: 'cidG==',
          type: 'actionCallback',
          content,
          value: content,
        };
      },
      shoot: (rng, valid) => {
        const roll = rng.next();
        if (roll < 0.15) return { body: junk(rng), headers: dingtalkHeaders() };
        if (roll < 0.4) return { body: mutateBytes(rng, JSON.stringify(valid)), headers: dingtalkHeaders() };
        return { body: Buffer.from(JSON.stringify(mutateValue(rng, valid))), headers: dingtalkHeaders() };
      },
    },
    {
      path: '/local/api/say',
      valid: () => ({ as: 'leader', conversation: 'group', text: '/status' }),
      shoot: (rng, valid) => {
        const roll = rng.next();
        if (roll < 0.3) return { body: junk(rng), headers: JSON_HEADERS };
        if (roll < 0.8) return { body: mutateBytes(rng, JSON.stringify(valid)), headers: JSON_HEADERS };
        return { body: Buffer.from(JSON.stringify(mutateValue(rng, valid))), headers: JSON_HEADERS };
      },
    },
    {
      path: '/local/api/act',
      valid: (i) => ({ as: 'leader', messageId: cardMessageId, action: 'task.confirm', payload: { taskId: '1' }, nonce: `hostile-nonce-${i % 50}` }),
      shoot: (rng, valid) => {
        const roll = rng.next();
        if (roll < 0.2) return { body: junk(rng), headers: JSON_HEADERS };
        if (roll < 0.5) return { body: mutateBytes(rng, JSON.stringify(valid)), headers: JSON_HEADERS };
        return { body: Buffer.from(JSON.stringify(mutateValue(rng, valid))), headers: JSON_HEADERS };
      },
    },
  ];

  /** Fires `count` shots at each route, a few at a time; returns the statuses seen per route. */
  async function fire(seed: number, count: number): Promise<Map<string, Map<number, number>>> {
    const seen = new Map<string, Map<number, number>>();
    for (const route of routes) {
      const rng = seeded(seed ^ route.path.length);
      const statuses = new Map<number, number>();
      seen.set(route.path, statuses);
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const i = next++;
          const shot = route.shoot(rng, route.valid(i));
          const status =
            i < OVER_SOCKETS
              ? await post(route.path, shot)
              : (await runtime.app.request(route.path, { method: 'POST', headers: shot.headers, body: new Uint8Array(shot.body) })).status;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    }
    return seen;
  }

  const errorText = () =>
    JSON.stringify(log.errors.slice(0, 3), (_, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack?.split('\n').slice(0, 6) } : v), 1);

  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };

  it('never a 5xx or an unhandled error, nothing on Object.prototype, and the heap back to where it was', async () => {
    await fire(1, 200); // warm-up: modules loaded, caches filled
    await runtime.settle();
    const before = heap();

    const perRoute = PER_ROUTE;
    const seen = await fire(20_260_302, perRoute);
    const table = Object.fromEntries([...seen].map(([path, s]) => [path, Object.fromEntries([...s].sort((a, b) => a[0] - b[0]))]));
    for (const [path, statuses] of seen) {
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      expect(total, path).toBe(perRoute);
      expect(
        [...statuses.keys()].filter((s) => s >= 500),
        `${path}: ${JSON.stringify(table[path])} ${errorText()}`,
      ).toEqual([]);
    }
    // Each route refused what it should (a bad signature, body or field: 4xx) and took the rest (200).
    for (const [path, statuses] of seen) {
      expect(
        [...statuses.keys()].filter((s) => ![200, 400, 401, 403, 413].includes(s)),
        path,
      ).toEqual([]);
      expect(statuses.has(200) && statuses.has(400), path).toBe(true);
    }

    // What the inbox took is processed through the router, as it would be after the answer.
    await runtime.settle();
    expect(log.errors, errorText()).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);

    // Still answering, and holding no more than before (a bound, not a timing).
    expect((await fetch(`${base}/healthz`)).status).toBeLessThan(500);
    const grown = (heap() - before) / 1024 / 1024;
    if (process.env.HOSTILE_BODIES_PER_ROUTE) console.log(`heap grew ${grown.toFixed(1)} MB`, JSON.stringify(table));
    expect(grown, `heap grew ${grown.toFixed(1)} MB`).toBeLessThan(40);
  }, 600_000);
});
