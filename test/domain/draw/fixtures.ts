/** Test data: small deterministic worlds of enterprises, officers and history. */
import { createStream, uniformInt, type WordSource } from '../../../src/domain/random';
import { INDUSTRIES, RISK_LEVELS, type Enterprise, type InspectionRecord, type Officer } from '../../../src/domain/model';
import { testSeed } from './stats';

export const uscc = (i: number): string => `91410381MA${String(i).padStart(8, '0')}`;
export const cert = (i: number): string => `41038100${String(i).padStart(4, '0')}`;

export function enterprise(i: number, over: Partial<Enterprise> = {}): Enterprise {
  return {
    uscc: uscc(i),
    name: `偃师区测试企业${i}有限公司`,
    industry: INDUSTRIES[i % INDUSTRIES.length]!,
    township: ['首阳山街道', '岳滩镇', '顾县镇'][i % 3]!,
    riskLevel: RISK_LEVELS[i % RISK_LEVELS.length]!,
    status: '在营',
    keySupervision: false,
    ...over,
  };
}

export function officer(i: number, over: Partial<Officer> = {}): Officer {
  return {
    certificateNo: cert(i),
    name: `执法员${i}`,
    unit: i % 2 === 0 ? '综合行政执法大队' : '法规科',
    certificateValidUntil: '2027-12-31',
    expertise: [INDUSTRIES[i % INDUSTRIES.length]!, INDUSTRIES[(i + 2) % INDUSTRIES.length]!],
    onDuty: true,
    conflicts: [],
    ...over,
  };
}

export const WINDOW = { from: '2025-06-10', to: '2025-06-20' };
export const TODAY = '2025-06-01';

export interface World {
  enterprises: Enterprise[];
  officers: Officer[];
  history: InspectionRecord[];
}

const pick = (s: WordSource, n: number): number => uniformInt(s, n);

/** A random small world: some exclusions, conflicts, last inspectors and history. */
export function randomWorld(n: number, sizes = { enterprises: 30, officers: 8 }): World {
  const s = createStream(testSeed(100_000 + n), 'world');
  const enterprises = Array.from({ length: sizes.enterprises }, (_, i) =>
    enterprise(i, {
      status: pick(s, 12) === 0 ? '停产' : '在营',
      keySupervision: pick(s, 15) === 0,
      riskLevel: RISK_LEVELS[pick(s, 4)]!,
      industry: INDUSTRIES[pick(s, 3)]!,
    }),
  );
  const officers = Array.from({ length: sizes.officers }, (_, i) =>
    officer(i, {
      onDuty: pick(s, 10) !== 0,
      certificateValidUntil: pick(s, 10) === 0 ? '2025-06-15' : '2027-12-31',
      conflicts: pick(s, 3) === 0 ? [uscc(pick(s, sizes.enterprises)), uscc(pick(s, sizes.enterprises))] : [],
    }),
  );
  const history: InspectionRecord[] = [];
  for (let k = 0; k < sizes.enterprises / 2; k++) {
    history.push({
      uscc: uscc(pick(s, sizes.enterprises)),
      date: ['2024-03-02', '2024-12-20', '2025-02-11', '2025-05-30'][pick(s, 4)]!,
      officers: pick(s, 3) === 0 ? [] : [cert(pick(s, sizes.officers)), cert(pick(s, sizes.officers))],
      open: pick(s, 20) === 0,
      random: pick(s, 2) === 0,
    });
  }
  return { enterprises, officers, history };
}

/** A fixed 32-byte secret. */
export function secretOf(n: number): Uint8Array {
  return testSeed(900_000 + n);
}
