/** The worked example of docs/draw-algorithm.md §10 (pinned by worked-example.test.ts). */
import type { PrepareDrawInput } from '../../../src/domain/draw';

export const EXAMPLE_SECRET = Uint8Array.from({ length: 32 }, (_, i) => i);

export const EXAMPLE_INPUT: PrepareDrawInput = {
  drawNo: 'YS-2025-001',
  enterprises: [
    { uscc: '91410381MA00000005', name: '偃师区戊纺织厂', industry: '纺织', township: '顾县镇', riskLevel: '低', status: '在营', keySupervision: false },
    { uscc: '91410381MA00000001', name: '偃师区甲建材有限公司', industry: '建材', township: '岳滩镇', riskLevel: '高', status: '在营', keySupervision: false },
    { uscc: '91410381MA00000002', name: '偃师区乙机械厂', industry: '机械', township: '首阳山街道', riskLevel: '一般', status: '在营', keySupervision: false },
    {
      uscc: '91410381MA00000003',
      name: '偃师区丙铝业有限公司',
      industry: '有色',
      township: '岳滩镇',
      riskLevel: '较高',
      status: '在营',
      keySupervision: false,
    },
    { uscc: '91410381MA00000004', name: '偃师区丁轻工制品厂', industry: '轻工', township: '顾县镇', riskLevel: '低', status: '在营', keySupervision: false },
    {
      uscc: '91410381MA00000006',
      name: '偃师区己钢铁有限公司',
      industry: '冶金',
      township: '首阳山街道',
      riskLevel: '高',
      status: '停产',
      keySupervision: false,
    },
  ],
  officers: [
    { certificateNo: '410381001', name: '张伟', unit: '法规科', certificateValidUntil: '2026-12-31', expertise: ['建材', '机械'], onDuty: true, conflicts: [] },
    {
      certificateNo: '410381002',
      name: '王芳',
      unit: '综合行政执法大队',
      certificateValidUntil: '2027-06-30',
      expertise: ['有色'],
      onDuty: true,
      conflicts: ['91410381MA00000003'],
    },
    {
      certificateNo: '410381003',
      name: '李娜',
      unit: '综合行政执法大队',
      certificateValidUntil: '2025-12-31',
      expertise: ['轻工', '纺织'],
      onDuty: true,
      conflicts: [],
    },
    { certificateNo: '410381004', name: '刘洋', unit: '法规科', certificateValidUntil: '2026-03-31', expertise: [], onDuty: true, conflicts: [] },
    { certificateNo: '410381005', name: '陈静', unit: '法规科', certificateValidUntil: '2026-12-31', expertise: ['冶金'], onDuty: false, conflicts: [] },
  ],
  history: [{ uscc: '91410381MA00000002', date: '2024-05-20', officers: ['410381003', '410381001'], open: false, random: true }],
  quotas: 3,
  window: { from: '2025-06-10', to: '2025-06-20' },
  today: '2025-06-01',
  secret: EXAMPLE_SECRET,
};
