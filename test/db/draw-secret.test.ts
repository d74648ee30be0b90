/**
 * A database reader cannot predict a pending draw: its secret is not in the database, only a
 * nonce from which the secret follows with the draw key kept outside it (DRAW_KEY or its file).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revealDrawSecret } from '../../src/app/draw-secret';
import { fixedClock } from '../../src/app/ports/clock';
import { fixedRandom } from '../../src/app/ports/random';
import { AppError } from '../../src/app/use-case';
import { rowsOf } from '../../src/db/client';
import { TEST_DRAW_KEY } from '../support/draw-key';
import { databaseKinds } from '../support/test-db';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';

const HEX = /^(\\x)?[0-9a-f]+$/;

for (const kind of databaseKinds()) {
  describe(`a pending draw's secret [${kind}]`, () => {
    let t: TestRuntime;
    beforeAll(async () => {
      t = await startTestRuntime({ kind });
    });
    afterAll(() => t?.close());

    const rawRow = async () => rowsOf<Record<string, unknown>>(await t.database.db.execute(sql`select * from draws order by id desc limit 1`))[0]!;

    it('is in no column of the stored row, and another key does not give it', async () => {
      await t.chat.say('leader', '/draw 机械 2家 每组2人');
      const row = await rawRow();
      expect(row.status).toBe('prepared');
      expect(row.secret).toBeNull();
      const commitment = row.commitment as string;
      // Every hex value of the row, taken as a candidate secret, misses the commitment.
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== 'string' || !HEX.test(value) || value.length % 2) continue;
        expect(bytesToHex(sha256(hexToBytes(value.replace(/^\\x/, '')))), column).not.toBe(commitment);
      }
      const draw = (await t.store.transaction((r) => r.draws.recent(row.agency_id as number, 1)))[0]!;
      const elsewhere = { clock: fixedClock('2026-03-02T01:30:00Z'), random: fixedRandom(1), drawKey: new Uint8Array(32).fill(1) };
      expect(() => revealDrawSecret(elsewhere, draw)).toThrow(AppError);
      expect(() => revealDrawSecret(elsewhere, draw)).toThrow(/抽取密钥与准备这次抽取时的不同/);
      expect(bytesToHex(sha256(revealDrawSecret({ ...elsewhere, drawKey: TEST_DRAW_KEY }, draw)))).toBe(commitment);
    });

    it('is stored once revealed at 确认抽取, and matches the commitment', async () => {
      const card = t.chat.lastCard(t.chat.group(), 'draw:');
      await t.chat.click('leader', card.id, 'draw.execute', t.chat.button(card.card, '确认抽取').payload);
      const row = await rawRow();
      expect(row.status).toBe('executed');
      expect(bytesToHex(sha256(hexToBytes(row.secret as string)))).toBe(row.commitment);
    });
  });
}
