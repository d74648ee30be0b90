import { freezeDraw } from '../../../src/app/freeze-draw';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Repos } from '../../../src/app/ports/store';
import type { PreparedHead } from '../../../src/domain/draw';
import { deriveDrawSecret } from '../../../src/domain/draw/commitment';
import { TEST_DRAW_KEY } from '../../support/draw-key';
import type { seedBureau } from './fixtures';

/** The nonce of every fixture draw: its secret is derived from it with the test draw key, as prepareDraw does. */
const FIXTURE_NONCE = new Uint8Array(32).fill(7);

type Bureau = Awaited<ReturnType<typeof seedBureau>>;

export const SUMMARY = {
  filtersText: '全部',
  quotaText: '2 家',
  windowFrom: '2026-03-02',
  windowTo: '2026-03-31',
  groupSize: 2,
  enterprisePoolSize: 3,
  officerPoolSize: 2,
  excludedEnterprises: [{ reason: '停产', count: 1, examples: ['企业'] }],
  excludedOfficers: [{ name: '丙', reason: '不在岗' }],
};

/** Prepares and stores a draw of `count` enterprises of the bureau (as prepareDraw does), in the caller's transaction. */
export async function insertDraw(
  r: Repos,
  b: Bureau,
  drawNo: string,
  count = 2,
  link: { planId: number | null; planBatch: number | null } = { planId: null, planBatch: null },
): Promise<{ drawId: number; head: PreparedHead; lotId: number; row: Omit<Parameters<Repos['draws']['insert']>[0], 'seq' | 'frozen' | 'lotId'> }> {
  const { head, lotId } = await freezeDraw(r, b.agencyId, {
    drawNo,
    quotas: count,
    policy: { groupSize: 2 },
    window: { from: '2026-03-02', to: '2026-03-31' },
    today: '2026-03-02',
    secret: deriveDrawSecret(TEST_DRAW_KEY, FIXTURE_NONCE, drawNo),
  });
  const row = {
    agencyId: b.agencyId,
    year: 2026,
    drawNo,
    ...link,
    status: 'prepared' as const,
    params: head.params,
    enterprisePoolHash: head.enterprisePoolHash,
    officerPoolHash: head.officerPoolHash,
    commitment: head.commitment,
    secretNonce: bytesToHex(FIXTURE_NONCE),
    beacon: null,
    supersedesId: null,
    summary: SUMMARY,
    platform: 'local' as const,
    chatId: `group-${b.t}`,
    preparedBy: b.leader,
  };
  const { id: drawId } = await r.draws.insert({ ...row, seq: Number(/〔\d+〕(\d+)号$/.exec(row.drawNo)?.[1] ?? 1), frozen: head, lotId });
  return { drawId, head, lotId, row };
}
