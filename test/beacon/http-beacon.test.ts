import { afterAll, describe, expect, it } from 'vitest';
import { BeaconError } from '../../src/app/ports/beacon';
import { createHttpBeacon, type HttpBeaconOptions } from '../../src/beacon/http-beacon';
import { beaconFromConfig } from '../../src/beacon';
import { QUICKNET, randomnessOf, roundAt, verifyBeacon } from '../../src/domain/draw/beacon';
import { loadConfig } from '../../src/config';
import { type FakeDrandBeacon, type FakeDrandOptions, type Forgery, startFakeDrandBeacon } from '../fakes/drand-beacon';

const started: FakeDrandBeacon[] = [];
afterAll(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

async function fake(opts: FakeDrandOptions = {}): Promise<FakeDrandBeacon> {
  const f = await startFakeDrandBeacon(opts);
  started.push(f);
  return f;
}

function client(f: FakeDrandBeacon, opts: Partial<HttpBeaconOptions> = {}) {
  return createHttpBeacon({ baseUrl: f.url, chain: f.chain, backoffMs: { first: 50, max: 200 }, pollMs: 100, ...opts });
}

const current = (f: FakeDrandBeacon) => roundAt(f.chain, Date.now() / 1000);

async function refusal(p: Promise<unknown>): Promise<BeaconError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BeaconError);
  return err as BeaconError;
}

// Each case has its relay of its own and waits for rounds in real time (a period of 1 s): they run at once.
describe.concurrent('HTTP beacon against a fake drand relay with its own key pair', () => {
  it('returns a published round, verified', async () => {
    const f = await fake();
    const n = current(f) - 3;
    const got = await client(f).round(n);
    expect(got).toEqual({ round: n, signature: f.signatureOf(n), randomness: randomnessOf(f.signatureOf(n)) });
    expect(verifyBeacon(f.chain, got)).toBe(true);
    expect(verifyBeacon(QUICKNET, got)).toBe(false);
  });

  it('waits for a future round, then returns it', async () => {
    const f = await fake();
    const n = current(f) + 2;
    const got = await client(f).round(n);
    expect(got.round).toBe(n);
    expect(verifyBeacon(f.chain, got)).toBe(true);
    expect(current(f)).toBeGreaterThanOrEqual(n);
  });

  for (const tooEarlyStatus of [425, 404] as const) {
    it(`asks again while the relay answers ${tooEarlyStatus} for a round not out yet`, async () => {
      const f = await fake({ tooEarlyStatus });
      const n = current(f) + 3;
      // This server's clock runs 3 s ahead of the relay's: it asks before the round is out.
      const got = await client(f, { now: () => Date.now() + 3000 }).round(n);
      expect(got.round).toBe(n);
      expect(f.calls.some((c) => c.status === tooEarlyStatus)).toBe(true);
      expect(f.calls.at(-1)?.status).toBe(200);
    });
  }

  for (const forgery of ['wrong-key', 'other-round', 'edited', 'randomness'] as Forgery[]) {
    it(`refuses a forged round (${forgery}) at once`, async () => {
      const f = await fake();
      const n = current(f) - 2;
      f.forge(n, forgery);
      const err = await refusal(client(f).round(n));
      expect(err.code).toBe('invalid');
      expect(err.message).toContain(`第 ${n} 轮`);
      expect(f.calls.filter((c) => c.path.endsWith(`/public/${n}`))).toHaveLength(1);
    });
  }

  it('refuses every round of a relay whose key is not the pinned one', async () => {
    const f = await fake({ seed: 'the relay' });
    const other = await fake({ seed: 'the pinned chain' });
    const n = current(f) - 1;
    const err = await refusal(client(f, { chain: { ...f.chain, publicKey: other.chain.publicKey } }).round(n));
    expect(err.code).toBe('invalid');
  });

  it('says clearly when the relay is down, after the configured time', async () => {
    const f = await fake();
    const n = current(f) - 1;
    await f.close();
    const err = await refusal(client(f, { giveUpAfterMs: 1500 }).round(n));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain(f.url);
    expect(err.message).toContain(`第 ${n} 轮`);
    expect(err.message).toContain('网络错误');
    expect(err.message).toContain('DRAND_URL');
  });

  it('gives up on a relay that never answers, each request bounded by its timeout', async () => {
    const f = await fake();
    f.outage('hang');
    const err = await refusal(client(f, { requestTimeoutMs: 200, giveUpAfterMs: 1000 }).round(current(f) - 1));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('请求超时');
    expect(f.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('retries through server errors and delivers once the relay recovers', async () => {
    const f = await fake();
    f.outage({ status: 503 });
    let answers = 0;
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (++answers === 3) f.outage(undefined);
      return res;
    };
    const n = current(f) - 1;
    const got = await client(f, { fetch: counting }).round(n);
    expect(got.round).toBe(n);
    expect(f.calls.map((c) => c.status)).toEqual([503, 503, 503, 200]);
  });

  it('names a relay that does not serve the chain', async () => {
    const f = await fake();
    const err = await refusal(client(f, { chain: { ...f.chain, hash: 'ab'.repeat(32) }, giveUpAfterMs: 600 }).round(current(f) - 1));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('HTTP 500');
  });

  it('stops waiting when aborted', async () => {
    const f = await fake();
    const controller = new AbortController();
    const pending = client(f).round(current(f) + 1000, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const err = await refusal(pending);
    expect(err.code).toBe('aborted');
    expect(f.calls).toHaveLength(0);
    const already = await refusal(client(f).round(current(f) - 1, { signal: AbortSignal.abort() }));
    expect(already.code).toBe('aborted');
  });

  it('is quicknet behind DRAND_URL, and none when DRAND_URL=off', () => {
    const beacon = beaconFromConfig(loadConfig({ DRAND_URL: 'http://127.0.0.1:9/' }).drand);
    expect(beacon?.chain()).toEqual(QUICKNET);
    expect(beaconFromConfig(loadConfig({ DRAND_URL: 'off' }).drand)).toBeUndefined();
  });
});
