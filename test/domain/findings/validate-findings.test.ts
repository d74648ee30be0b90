import { describe, expect, it } from 'vitest';
import { validateHazard, validateItemsStep, validateNotesStep } from '../../../src/domain/findings/steps';
import type { FindingsDraft, Hazard } from '../../../src/domain/findings/types';
import { validateFindings } from '../../../src/domain/findings/validate-findings';

const items = [
  { code: 'CI01', title: '安全生产责任制' },
  { code: 'CI02', title: '隐患排查治理' },
];
const ctx = { items, today: '2026-03-05' };
const hazard = (over: Partial<Hazard> = {}): Hazard => ({
  no: 1,
  description: '除尘系统未设置泄爆装置',
  location: '二号车间',
  itemCode: 'CI02',
  level: 'general',
  rectification: 'deadline',
  due: '2026-03-20',
  ...over,
});
const draft = (over: Partial<FindingsDraft> = {}): FindingsDraft => ({
  inspectionDate: '2026-03-04',
  itemResults: { CI01: '符合', CI02: '不涉及' },
  itemNotes: {},
  hazards: [],
  ...over,
});
const signed = { majorHazard: '否', resultCategory: 'no_problem', caseFiled: '否', responsiblePerson: '王经理', refusedToSign: '否' };

describe('the findings form’s steps', () => {
  it('step 1 wants a date not after today and a result for every item, naming each', () => {
    const r = validateItemsStep({ inspectionDate: '2026-03-06', item_CI01: '符合', item_CI02: '好' }, ctx);
    expect(r).toEqual({
      ok: false,
      errors: ['「检查日期」2026-03-06 晚于今天 2026-03-05：只能填报已完成的检查。', '「CI02 隐患排查治理」的结果“好”无效：只能是 符合 / 不符合 / 不涉及。'],
    });
    expect(validateItemsStep({ inspectionDate: '2026-03-04', item_CI01: '符合', item_CI02: '不符合' }, ctx)).toEqual({
      ok: true,
      value: { inspectionDate: '2026-03-04', itemResults: { CI01: '符合', CI02: '不符合' } },
    });
  });

  it('step 2 wants what was found for each 不符合 item', () => {
    expect(validateNotesStep({ note_CI02: ' ' }, [items[1]!])).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^「CI02 隐患排查治理」为“不符合”，请写明发现的问题/)],
    });
    expect(validateNotesStep({ note_CI02: '未建立隐患排查台账' }, [items[1]!])).toEqual({ ok: true, value: { CI02: '未建立隐患排查台账' } });
  });

  it('a hazard has a description, a location, its item, a level and a rectification with its date', () => {
    const ok = validateHazard(
      { description: '泄爆口朝向人员通道', location: '除尘器', itemCode: '-', level: 'major', rectification: 'deadline', due: '2026-03-10' },
      { itemCodes: ['CI01', 'CI02'], inspectionDate: '2026-03-04', existing: 2 },
    );
    expect(ok).toEqual({
      ok: true,
      value: { no: 3, description: '泄爆口朝向人员通道', location: '除尘器', itemCode: null, level: 'major', rectification: 'deadline', due: '2026-03-10' },
    });
    const bad = validateHazard(
      { description: '', location: '', itemCode: 'CI09', level: '', rectification: 'deadline', due: '2026-03-04' },
      { itemCodes: ['CI01'], inspectionDate: '2026-03-04', existing: 0 },
    );
    expect(bad.ok ? [] : bad.errors.map((e) => e.slice(0, e.indexOf('」') + 1))).toEqual([
      '「隐患描述」',
      '「隐患部位」',
      '「对应检查事项」',
      '「隐患等级」',
      '「整改期限」',
    ]);
    expect(
      validateHazard(
        { description: '消防通道堵塞', location: '仓库', itemCode: 'CI01', level: 'general', rectification: 'immediate', due: '2026-03-09' },
        { itemCodes: ['CI01'], inspectionDate: '2026-03-04', existing: 0 },
      ),
    ).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/选择了立即整改，「整改期限」应留空/)],
    });
  });
});

describe('validateFindings', () => {
  it('accepts a clean inspection and derives the rectification from the hazards', () => {
    const r = validateFindings(draft(), signed, ctx);
    expect(r).toMatchObject({
      ok: true,
      findings: { inspectionDate: '2026-03-04', majorHazard: false, rectification: 'none', rectificationDue: null, measures: [] },
    });
    const two = validateFindings(
      draft({ hazards: [hazard(), hazard({ no: 2, due: '2026-03-30' }), hazard({ no: 3, rectification: 'immediate', due: null })] }),
      { ...signed, resultCategory: 'pending', measure_remove: '是' },
      ctx,
    );
    expect(two).toMatchObject({ ok: true, findings: { rectification: 'deadline', rectificationDue: '2026-03-30', measures: ['remove'] } });
  });

  it('refuses a declaration that contradicts the hazards listed, either way, naming the field', () => {
    const major = draft({ hazards: [hazard({ level: 'major' })] });
    const saysNo = validateFindings(major, { ...signed, resultCategory: 'pending', measure_suspend: '是' }, ctx);
    expect(saysNo.ok ? [] : saysNo.errors).toEqual([
      '「是否发现重大事故隐患」选了“否”，但隐患清单第 1 条是重大事故隐患：请改选“是”，或在隐患清单中更正该条的等级。',
    ]);
    const saysYes = validateFindings(draft({ hazards: [hazard()] }), { ...signed, majorHazard: '是', resultCategory: 'pending' }, ctx);
    expect(saysYes.ok ? [] : saysYes.errors).toEqual([expect.stringMatching(/^「是否发现重大事故隐患」选了“是”，但隐患清单中没有重大事故隐患/)]);
  });

  it('a 重大事故隐患 needs a measure and refuses a category that closes the matter', () => {
    const major = draft({ hazards: [hazard({ level: 'major', rectification: 'immediate', due: null })] });
    const r = validateFindings(major, { ...signed, majorHazard: '是', resultCategory: 'corrected' }, ctx);
    expect(r.ok ? [] : r.errors).toEqual([
      expect.stringMatching(/处理措施均未选择：发现重大事故隐患，应至少责令一项措施（安全生产法 第六十五条第一款第三项）/),
      expect.stringMatching(/不能是“发现问题已责令改正”而不限期复查/),
    ]);
    const noProblem = validateFindings(major, { ...signed, majorHazard: '是', resultCategory: 'no_problem', measure_evacuate: '是' }, ctx);
    expect(noProblem.ok ? [] : noProblem.errors).toEqual([expect.stringMatching(/「检查结果」不能是“未发现问题”/)]);
    const dated = draft({ hazards: [hazard({ level: 'major' })] });
    expect(validateFindings(dated, { ...signed, majorHazard: '是', resultCategory: 'corrected', measure_suspend: '是' }, ctx)).toMatchObject({
      ok: true,
      findings: { majorHazard: true, measures: ['suspend'], rectification: 'deadline' },
    });
  });

  it('records 立案 with its case number, and a refused signature with the inspectors’ note', () => {
    const withProblem = draft({ hazards: [hazard()] });
    const noNumber = validateFindings(withProblem, { ...signed, resultCategory: 'pending', caseFiled: '是' }, ctx);
    expect(noNumber.ok ? [] : noNumber.errors).toEqual([expect.stringMatching(/^选择了立案查处，但「案件编号」未填写/)]);
    const refused = validateFindings(withProblem, { ...signed, resultCategory: 'pending', responsiblePerson: '', refusedToSign: '是' }, ctx);
    expect(refused.ok ? [] : refused.errors).toEqual([expect.stringMatching(/负责人拒绝签字时，「拒绝签字情况」必须写明/)]);
    const ok = validateFindings(
      withProblem,
      {
        ...signed,
        resultCategory: 'pending',
        caseFiled: '是',
        caseNo: '偃应急立〔2026〕12号',
        responsiblePerson: '王某',
        refusedToSign: '是',
        refusalNote: '负责人王某拒绝签字，见证人李某',
      },
      ctx,
    );
    expect(ok).toMatchObject({
      ok: true,
      findings: {
        caseFiled: true,
        caseNo: '偃应急立〔2026〕12号',
        refusedToSign: true,
        refusalNote: '负责人王某拒绝签字，见证人李某',
        responsiblePerson: '王某',
      },
    });
  });

  it('checks the draft again: a 不符合 item without its note is sent back to step 1', () => {
    const r = validateFindings(draft({ itemResults: { CI01: '不符合', CI02: '符合' }, itemNotes: {} }), { ...signed, resultCategory: 'pending' }, ctx);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/「CI01 安全生产责任制」为“不符合”.+（请点“返回修改检查事项”）$/)]);
  });
});
