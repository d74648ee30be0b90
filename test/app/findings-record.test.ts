/**
 * The findings record as a chat transcript (in memory): the form's steps, a contradictory form
 * refused, the legal path of a 重大事故隐患 (leaders alerted in the same transaction, measures
 * recorded, closing categories refused, 立案 with its number), and a refused signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillFindings, goodFindings, prepareFindings, type FindingsPlan } from '../support/findings';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

describe('the findings record [memory]', () => {
  let t: TestRuntime<'memory'>;
  const teams: Array<{ taskId: string; officers: string[] }> = [];

  const openForm = async (team: { taskId: string; officers: string[] }) => {
    const a = team.officers[0]!;
    await t.chat.click(a, t.chat.lastCard(t.chat.dm(a), `task:${team.taskId}`).id, 'task.findings_form', { taskId: team.taskId });
    return t.chat.lastCard(t.chat.dm(a), `task:${team.taskId}:findings`);
  };
  const shown = (as: string, id: string) => t.chat.dm(as).find((m) => m.id === id)!.card!;
  const findings = (taskId: string) => t.store.transaction((r) => r.tasks.findings(Number(taskId)));

  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
    await t.chat.say('leader', '/draw 机械 建材 3家 每组2人 3月2日-3月31日');
    await t.chat.click('leader', t.chat.lastCard(t.chat.group(), 'draw:').id, 'draw.execute', { drawId: '1' });
    const rows = await t.data.taskOfficers();
    for (const taskId of [...new Set(rows.map((r) => r.taskId))]) {
      const officers = rows.filter((r) => r.taskId === taskId).map((r) => r.localId!);
      for (const o of officers) await t.chat.click(o, t.chat.lastCard(t.chat.dm(o), `task:${taskId}`).id, 'task.confirm', { taskId: String(taskId) });
      teams.push({ taskId: String(taskId), officers });
    }
  });
  afterAll(() => t?.close());

  it('adds hazards one by one, removes one and renumbers the rest', async () => {
    const team = teams[2]!;
    const a = team.officers[0]!;
    const form = await openForm(team);
    const plan = goodFindings('2026-03-02');
    await prepareFindings(t.chat.click, a, form.id, team.taskId, { ...plan, hazards: [] });
    await t.chat.click(a, form.id, 'task.findings_step', { taskId: team.taskId, step: 'hazards' });
    const hazard = { location: '仓库', itemCode: 'CI01', level: 'general', rectification: 'immediate', due: '' };
    await t.chat.click(a, form.id, 'task.hazard_add', { taskId: team.taskId }, { ...hazard, description: '消防通道堵塞' });
    const second = await t.chat.click(a, form.id, 'task.hazard_add', { taskId: team.taskId }, { ...hazard, description: '灭火器过期' });
    expect(second.body.toast?.text).toBe('已添加第 2 条隐患。');
    const bad = await t.chat.click(a, form.id, 'task.hazard_add', { taskId: team.taskId }, { ...hazard, description: '配电箱', rectification: 'deadline' });
    expect(bad.body.toast?.kind).toBe('error');
    expect(cardText(shown(a, form.id))).toMatch(/选择了限期整改，但「整改期限」未填写或无效/);
    expect(cardText(shown(a, form.id))).toMatch(/已登记隐患 2 条/);
    // 删除第 2 条 is the button shown; the first is removed through a stale payload only if it were shown.
    await t.chat.click(a, form.id, 'task.hazard_remove', { taskId: team.taskId, no: '2' });
    const text = cardText(shown(a, form.id));
    expect(text).toMatch(/已登记隐患 1 条\n1\. 【一般事故隐患】仓库：消防通道堵塞（CI01 .+；立即整改）/);
    expect(text).not.toMatch(/灭火器过期/);
  });

  it('refuses a contradictory form and saves nothing; a 重大事故隐患 then takes the legal path', async () => {
    const team = teams[0]!;
    const a = team.officers[0]!;
    const form = await openForm(team);
    const base = goodFindings('2026-03-02');
    const plan: FindingsPlan = {
      ...base,
      items: { ...base.items, CI05: '不符合' },
      notes: { CI05: '粉尘涉爆除尘系统未按规定设置泄爆装置' },
      hazards: [
        { description: '除尘系统未设置泄爆装置', location: '二号车间除尘器', itemCode: 'CI05', level: 'major', rectification: 'deadline', due: '2026-03-16' },
        { description: '灭火器压力不足', location: '仓库', itemCode: '-', level: 'general', rectification: 'immediate', due: '' },
      ],
      conclusion: { ...base.conclusion, majorHazard: '否', resultCategory: 'pending', measure_remove: '是', measure_evacuate: '否', measure_suspend: '否' },
    };
    const contradictory = await fillFindings(t.chat.click, a, form.id, team.taskId, plan);
    expect(contradictory.body.toast).toEqual({ kind: 'error', text: '有 1 处需要修改，未提交。' });
    const refusedCard = shown(a, form.id);
    expect(cardText(refusedCard)).toContain('「是否发现重大事故隐患」选了“否”，但隐患清单第 1 条是重大事故隐患');
    // What was typed comes back on the form.
    expect(refusedCard.form!.fields.find((f) => f.name === 'responsiblePerson')).toMatchObject({ initial: '王经理' });
    expect(await t.data.count('findings')).toBe(0);

    const closing = await t.chat.click(
      a,
      form.id,
      'task.findings',
      { taskId: team.taskId },
      {
        ...plan.conclusion,
        majorHazard: '是',
        measure_remove: '否',
        resultCategory: 'no_problem',
      },
    );
    expect(closing.body.toast?.kind).toBe('error');
    expect(cardText(shown(a, form.id))).toMatch(/应至少责令一项措施（安全生产法 第六十五条第一款第三项）[\s\S]*「检查结果」不能是“未发现问题”/);
    const noCaseNo = await t.chat.click(
      a,
      form.id,
      'task.findings',
      { taskId: team.taskId },
      { ...plan.conclusion, majorHazard: '是', measure_suspend: '是', caseFiled: '是' },
    );
    expect(cardText(shown(a, form.id))).toMatch(/选择了立案查处，但「案件编号」未填写/);
    expect(noCaseNo.body.toast?.kind).toBe('error');
    expect(await t.data.count('findings')).toBe(0);

    const ok = await t.chat.click(
      a,
      form.id,
      'task.findings',
      { taskId: team.taskId },
      {
        ...plan.conclusion,
        majorHazard: '是',
        measure_evacuate: '是',
        measure_suspend: '是',
        caseFiled: '是',
        caseNo: '偃应急立〔2026〕3号',
      },
    );
    expect(ok.body.toast?.kind).toBe('success');
    const saved = (await findings(team.taskId))!;
    expect(saved).toMatchObject({
      majorHazard: true,
      measures: ['remove', 'evacuate', 'suspend'],
      caseFiled: true,
      caseNo: '偃应急立〔2026〕3号',
      rectification: 'deadline',
      rectificationDue: '2026-03-16',
      itemNotes: { CI05: '粉尘涉爆除尘系统未按规定设置泄爆装置' },
    });
    expect(saved.hazards.map((h) => [h.no, h.level, h.location])).toEqual([
      [1, 'major', '二号车间除尘器'],
      [2, 'general', '仓库'],
    ]);
    // The leaders are told at once, in their direct messages, with the measures ordered.
    const alert = t.chat.lastCard(t.chat.dm('leader'), `task:${team.taskId}:major-alert`);
    expect(alert.card.title).toMatch(/^发现重大事故隐患：/);
    expect(cardText(alert.card)).toMatch(/1\. 【重大事故隐患】二号车间除尘器：除尘系统未设置泄爆装置/);
    expect(cardText(alert.card)).toMatch(/责令从危险区域内撤出作业人员\n责令暂时停产停业或者停止使用相关设施、设备/);
    expect(cardText(alert.card)).toContain('立案查处：是（偃应急立〔2026〕3号）');
    expect(await t.data.auditCount('task.major_hazard_reported')).toBe(1);
    expect(transcript(t.chat.group())).toMatch(/检查完成：发现问题待后续处理，发现重大事故隐患（已报局领导）/);
  });

  it('records a refused signature with the inspectors’ note', async () => {
    const team = teams[1]!;
    const a = team.officers[0]!;
    const form = await openForm(team);
    const plan = goodFindings('2026-03-02');
    const noNote = await fillFindings(t.chat.click, a, form.id, team.taskId, {
      ...plan,
      conclusion: { ...plan.conclusion, responsiblePerson: '', refusedToSign: '是' },
    });
    expect(noNote.body.toast?.kind).toBe('error');
    expect(cardText(shown(a, form.id))).toMatch(/负责人拒绝签字时，「拒绝签字情况」必须写明/);
    const ok = await t.chat.click(
      a,
      form.id,
      'task.findings',
      { taskId: team.taskId },
      {
        ...plan.conclusion,
        responsiblePerson: '赵某',
        refusedToSign: '是',
        refusalNote: '企业负责人赵某拒绝签字，执法人员二人在场见证',
      },
    );
    expect(ok.body.toast?.kind).toBe('success');
    expect(await findings(team.taskId)).toMatchObject({
      refusedToSign: true,
      responsiblePerson: '赵某',
      refusalNote: '企业负责人赵某拒绝签字，执法人员二人在场见证',
    });
    expect(cardText(shown(a, form.id))).toContain('企业负责人：拒绝签字（赵某）');
  });
});
