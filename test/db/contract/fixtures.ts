import type { Enterprise } from '../../../src/domain/model';
import type { Fixture, Harness } from './harness';

let counter = 0;

/** A tag unique in the run, so that cases sharing one store never meet (accounts and chats are unique across agencies). */
export function tag(): string {
  counter += 1;
  return `c${counter}`;
}

/** An 18-character USCC-like code, unique per (tag, i). */
export function uscc(t: string, i: number): string {
  return `91${t.padStart(6, '0')}${String(i).padStart(10, '0')}`.slice(0, 18);
}

export function enterprise(t: string, i: number, over: Partial<Enterprise> = {}): Enterprise {
  return { uscc: uscc(t, i), name: `企业${t}-${i}`, industry: '机械', township: '岳滩镇', riskLevel: '一般', status: '在营', keySupervision: false, ...over };
}

/**
 * A small bureau: an administrator, a leader and four officers (the last without a certificate
 * date, so never drawn), six enterprises, each person's local account and one bound group.
 */
export function bureau(t: string): Fixture {
  return {
    agency: { name: `局${t}`, shortName: `局${t}` },
    people: [
      { name: `管理员${t}`, role: 'admin', localId: `admin-${t}` },
      { name: `局长${t}`, role: 'leader', localId: `leader-${t}` },
      { name: `乙${t}`, role: 'officer', unit: '法规科', certificateNo: `B${t}`, certificateValidUntil: '2030-12-31', expertise: ['机械'], localId: `o2-${t}` },
      {
        name: `甲${t}`,
        role: 'officer',
        unit: '综合行政执法大队',
        certificateNo: `A${t}`,
        certificateValidUntil: '2030-12-31',
        expertise: ['建材'],
        conflicts: [uscc(t, 1)],
        localId: `o1-${t}`,
      },
      { name: `丙${t}`, role: 'officer', unit: '法规科', certificateNo: `C${t}`, certificateValidUntil: '2030-12-31', onDuty: false, localId: `o3-${t}` },
      { name: `丁${t}`, role: 'officer', unit: '法规科', certificateNo: `D${t}`, localId: `o4-${t}` },
    ],
    enterprises: [
      enterprise(t, 1, { address: '岳滩镇1号', contactPerson: '王经理', phone: '13800000000' }),
      enterprise(t, 2, { industry: '建材', riskLevel: '高' }),
      enterprise(t, 3, { status: '停产' }),
      enterprise(t, 4, { keySupervision: true }),
      enterprise(t, 5, { industry: '建材', township: '顾县镇' }),
      enterprise(t, 6),
    ],
    inspections: [{ uscc: uscc(t, 6), date: '2026-01-15', department: '市局', random: true }],
    accounts: [0, 1, 2, 3, 4, 5].map((person) => ({ person, platform: 'local' as const, accountId: `local-${person}-${t}` })),
    chats: [{ platform: 'local', chatId: `group-${t}` }],
  };
}

/** The ids of a seeded bureau, by role. */
export async function seedBureau(h: Harness, t = tag()) {
  const fixture = bureau(t);
  const { agencyId, people } = await h.seed(fixture);
  const [admin, leader, officerB, officerA, officerC, officerD] = people as [number, number, number, number, number, number];
  return { t, fixture, agencyId, admin, leader, officerA, officerB, officerC, officerD };
}
