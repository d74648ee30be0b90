/**
 * A register file of `n` fictional enterprises with valid USCCs (GB 32100-2015 check
 * characters), deterministic for a seed: the same rows every run.
 */
import type { Enterprise } from '../../src/domain/model';
import { INDUSTRIES, RISK_LEVELS } from '../../src/domain/model';
import { usccCheckCharacter } from '../../src/domain/uscc';

const TOWNSHIPS = ['岳滩镇', '顾县镇', '翟镇镇', '首阳山街道', '城关街道', '庞村镇', '缑氏镇', '府店镇'];

export function benchEnterprises(n: number, seed = 1): Enterprise[] {
  let s = seed >>> 0 || 1;
  const next = (k: number) => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const first17 = `914103810${String(i).padStart(8, '0')}`;
    return {
      uscc: first17 + usccCheckCharacter(first17),
      name: `偃师区基准测试第${i + 1}号企业有限公司`,
      industry: INDUSTRIES[next(INDUSTRIES.length)]!,
      township: TOWNSHIPS[next(TOWNSHIPS.length)]!,
      address: `洛阳市偃师区测试路${i + 1}号`,
      contactPerson: `负责人${i + 1}`,
      phone: `0379-6${String(i).padStart(7, '0')}`,
      riskLevel: RISK_LEVELS[next(RISK_LEVELS.length)]!,
      status: '在营',
      keySupervision: false,
    };
  });
}
