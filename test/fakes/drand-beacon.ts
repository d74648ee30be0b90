/**
 * A fake drand HTTP relay on a real port, with its own BLS12-381 key pair (from a fixed seed)
 * and the `bls-unchained-g1-rfc9380` scheme of quicknet, so that what it signs verifies exactly
 * as a quicknet round does, but against its own public key. Rounds follow the fake's clock from
 * a configurable genesis and period (1 s by default, so tests wait little).
 *
 * Behaves as drand's `http-relay` does (github.com/drand/http-relay, `routes_handler.go`):
 * a round beyond the next one answers **425 Too Early** ("Requested future beacon") with a
 * `Cache-Control: must-revalidate` until the next round; the next round itself is held open
 * until it is out, then served with `no-cache`; a past round is served `immutable`. The
 * drand-built-in relay's **404** for a future round can be chosen instead (`tooEarlyStatus`).
 * v1 paths and JSON (`/{hash}/info`, `/{hash}/public/{round|latest}`, `/chains`).
 * Marked "fake" below: what the real relays do differently or that we could not check.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { beaconMessage, type ChainInfo, DRAND_G1_DST, randomnessOf, roundAt, timeOfRound, UNCHAINED_G1_RFC9380 } from '../../src/domain/draw/beacon';

/** How a forged round is made: all of them must be refused by a verifier. */
export type Forgery =
  /** Signed by another key pair (a valid point, the wrong signer). */
  | 'wrong-key'
  /** This chain's genuine signature of the following round. */
  | 'other-round'
  /** The genuine signature with its last hex digit changed. */
  | 'edited'
  /** The genuine signature with a randomness that is not its SHA-256. */
  | 'randomness';

export interface FakeDrandOptions {
  /** Seed text of the key pair; the same seed gives the same chain. */
  seed?: string;
  /** Seconds between rounds (default 1). */
  period?: number;
  /** Unix seconds of round 1 (default: 10 periods before now). */
  genesisTime?: number;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
  /** 425 as drand's http-relay, 404 as the relay built into drand. */
  tooEarlyStatus?: 425 | 404;
}

export interface FakeDrandCall {
  path: string;
  status: number;
}

export interface FakeDrandBeacon {
  url: string;
  /** The fake chain, with the fake's public key: what a client pins to trust it. */
  chain: ChainInfo;
  calls: FakeDrandCall[];
  /** The genuine signature of a round. */
  signatureOf(round: number): string;
  /** From now on serve `round` forged this way (undefined: genuine again). */
  forge(round: number, forgery: Forgery | undefined): void;
  /** Every request answers this status, or is held unanswered (`hang`), until undefined. */
  outage(mode: { status: number } | 'hang' | undefined): void;
  close(): Promise<void>;
}

/** 48 bytes of key material from the seed text (the minimum noble's keygen takes). */
function keyMaterial(seed: string): Uint8Array {
  return sha512(utf8ToBytes(`fake drand key: ${seed}`)).slice(0, 48);
}

export async function startFakeDrandBeacon(opts: FakeDrandOptions = {}): Promise<FakeDrandBeacon> {
  const bls = bls12_381.shortSignatures;
  const now = opts.now ?? Date.now;
  const period = opts.period ?? 1;
  const tooEarly = opts.tooEarlyStatus ?? 425;
  const keys = bls.keygen(keyMaterial(opts.seed ?? 'drbot'));
  const otherKeys = bls.keygen(keyMaterial(`${opts.seed ?? 'drbot'} (the wrong one)`));
  const publicKey = bytesToHex(keys.publicKey.toBytes());
  const chain: ChainInfo = {
    publicKey,
    period,
    genesisTime: opts.genesisTime ?? Math.floor(now() / 1000) - 10 * period,
    // fake: drand derives the hash from the chain's info; any stable 32 bytes serve here.
    hash: bytesToHex(sha256(utf8ToBytes(`fake drand chain ${publicKey} ${period}`))),
    schemeID: UNCHAINED_G1_RFC9380,
  };
  const calls: FakeDrandCall[] = [];
  const forged = new Map<number, Forgery>();
  const cache = new Map<string, string>();
  let down: { status: number } | 'hang' | undefined;

  const sign = (round: number, secretKey: Uint8Array, which: string): string => {
    const key = `${which}:${round}`;
    let sig = cache.get(key);
    if (!sig) {
      sig = bytesToHex(bls.sign(bls.hash(beaconMessage(round), DRAND_G1_DST), secretKey).toBytes());
      cache.set(key, sig);
    }
    return sig;
  };
  const signatureOf = (round: number) => sign(round, keys.secretKey, 'own');

  function beaconJson(round: number): { round: number; randomness: string; signature: string } {
    const genuine = signatureOf(round);
    const forgery = forged.get(round);
    let signature = genuine;
    if (forgery === 'wrong-key') signature = sign(round, otherKeys.secretKey, 'other');
    if (forgery === 'other-round') signature = signatureOf(round + 1);
    if (forgery === 'edited') signature = genuine.slice(0, -1) + (genuine.endsWith('0') ? '1' : '0');
    const randomness = forgery === 'randomness' ? randomnessOf(signatureOf(round + 1)) : randomnessOf(signature);
    return { round, randomness, signature };
  }

  const published = () => roundAt(chain, now() / 1000);

  function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    calls.push({ path: req.url ?? '', status });
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** Holds the request until `round` is out (as the relay does for the next round). */
  function holdUntilOut(req: IncomingMessage, res: ServerResponse, round: number): void {
    const timer = setInterval(() => {
      if (res.destroyed) clearInterval(timer);
      else if (published() >= round) {
        clearInterval(timer);
        send(req, res, 200, beaconJson(round), { 'cache-control': 'no-cache' });
      }
    }, 10);
    res.on('close', () => clearInterval(timer));
  }

  function publicRound(req: IncomingMessage, res: ServerResponse, param: string) {
    const latest = published();
    if (param === 'latest') {
      if (latest < 1) return send(req, res, 500, 'Failed to get beacon\n');
      return send(req, res, 200, beaconJson(latest), { 'cache-control': 'public, must-revalidate, max-age=1' });
    }
    if (!/^\d+$/.test(param)) return send(req, res, 400, `Failed to parse round parameter "${param}"\n`);
    const round = Number(param);
    if (round === 0) return publicRound(req, res, 'latest');
    const next = latest + 1;
    if (round > next) {
      const seconds = Math.max(0, Math.ceil(timeOfRound(chain, next) - now() / 1000));
      if (tooEarly === 404) return send(req, res, 404, '', { 'cache-control': `public, must-revalidate, max-age=${seconds}` });
      return send(req, res, 425, 'Requested future beacon\n', { 'cache-control': `must-revalidate, public, max-age=${seconds}` });
    }
    if (round === next) return holdUntilOut(req, res, round);
    send(req, res, 200, beaconJson(round), { 'cache-control': 'public, max-age=604800, immutable' });
  }

  const server = createServer((req, res) => {
    if (down === 'hang') {
      calls.push({ path: req.url ?? '', status: 0 });
      return;
    }
    if (down) return send(req, res, down.status, 'Failed to get beacon\n');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET') return send(req, res, 405, 'Method Not Allowed\n');
    if (path === '/chains') return send(req, res, 200, [chain.hash]);
    const m = /^\/([0-9a-f]{64})\/(info|public\/([^/]+))$/.exec(path);
    if (!m) return send(req, res, 404, '404 page not found\n');
    // http-relay asks its backend for an unknown chain hash, which fails: a 500.
    if (m[1] !== chain.hash) return send(req, res, 500, 'Failed to get beacon\n');
    if (m[2] === 'info') {
      return send(req, res, 200, {
        public_key: chain.publicKey,
        period: chain.period,
        genesis_time: chain.genesisTime,
        hash: chain.hash,
        groupHash: bytesToHex(sha256(utf8ToBytes(`fake group ${chain.hash}`))),
        schemeID: chain.schemeID,
        metadata: { beaconID: 'fake-quicknet' },
      });
    }
    publicRound(req, res, m[3] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    chain,
    calls,
    signatureOf,
    forge: (round, forgery) => {
      if (forgery) forged.set(round, forgery);
      else forged.delete(round);
    },
    outage: (mode) => {
      down = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
