/**
 * `plan`: the annual plans from the shell, through the same use cases and the same reading of
 * the fields as the chat's form card (`/plan 新建`), as the CLI operator (an administrator).
 */
import { planLabel } from '../domain/plan';
import { shanghaiDate } from '../domain/workdays';
import { systemClock } from '../app/ports/clock';
import { readPlanForm } from '../app/plan-form-values';
import { savePlan } from '../app/use-cases/save-plan';
import { findPlan, planProgressView, type PlanRef } from '../app/use-cases/show-plan';
import { parsePlanCommand } from '../app/commands/plan-commands';
import { resolveAgencyId } from './agency-option';
import { cliStore } from './cli-store';
import { EXIT_FAILURE, EXIT_OK, type CliCommand, usageError } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';
import { runAsOperator } from './run-as-operator';
import { cardText, printRefusal } from './use-case-output';

const USAGE = [
  '用法：',
  '  plan list [--agency <单位编号>]',
  '        列出本单位的抽查计划',
  '  plan show [<文号>|<年份>] [--agency <单位编号>]',
  '        某个计划各批次目标与完成进度（默认：本年度默认计划）',
  '  plan create --no <文号> --year <年度> --name <计划名称> [--items 1-10] [--batches "<批次>；<批次>"] [--default 是|否]',
  '        录入计划。批次写法：第一批 2026-04-01至2026-06-30 机械5家 建材10%，多个批次用“；”分隔',
  '  plan edit <文号|年份> [--no …] [--year …] [--name …] [--items …] [--batches …|无] [--default 是|否]',
  '        修改计划：只改给出的项；--batches 无 表示不分批次',
  '  --default 是：未写明计划的 /draw 归入该计划（每年一个默认计划；没有时第一次 /draw 自动建立）。',
].join('\n');

const FIELD_FLAGS = { no: 'docNo', year: 'year', name: 'title', items: 'checkItems', batches: 'batches', default: 'isDefault' } as const;

/** The form's values from the flags (the same names and checks as the chat's form card). */
function formValues(flags: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [flag, field] of Object.entries(FIELD_FLAGS)) if (flags[flag] !== undefined) values[field] = flags[flag]!;
  if (values['isDefault'] === 'yes') values['isDefault'] = '是';
  if (values['isDefault'] === 'no') values['isDefault'] = '否';
  return values;
}

export const planCommand: CliCommand<CliContext> = {
  name: 'plan',
  summary: '年度抽查计划：列出、查看进度、录入、修改',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    const usage = (why: string) => usageError(io, USAGE, why);
    if (!sub || !['list', 'show', 'create', 'edit'].includes(sub)) return usage(sub ? `未知的子命令“${sub}”。` : '缺少子命令。');
    const parsed = parseFlags(rest, ['agency', ...Object.keys(FIELD_FLAGS)]);
    if (!parsed.ok) return usage(parsed.error);
    const { flags, positional } = parsed;
    const agencyId = await resolveAgencyId(ctx, io, flags['agency']);
    if (agencyId === undefined) return EXIT_FAILURE;
    const today = shanghaiDate(systemClock.now());
    const year = Number(today.slice(0, 4));
    let ref: PlanRef | undefined;
    try {
      const read = parsePlanCommand(positional.join(' '), year);
      ref = read.kind === 'show' ? read.ref : undefined;
    } catch (error) {
      return usage((error as Error).message);
    }

    if (sub === 'list') {
      const plans = await (await cliStore(ctx)).transaction((repos) => repos.plans.list(agencyId));
      if (!plans.length) io.out('还没有抽查计划。录入：npm run cli -- plan create --no <文号> --year <年度> --name <名称> --batches "…"');
      for (const p of plans) io.out(`${p.year}  ${planLabel(p)}  ${p.title}${p.isDefault ? '  （默认）' : ''}  ${p.batches.length} 个批次`);
      return EXIT_OK;
    }
    if (sub === 'show') {
      const outcome = await runAsOperator(ctx, { kind: 'cli', agencyId }, async (uc) =>
        planProgressView(uc.repos, await findPlan(uc.repos, agencyId, ref ?? { year }, year), today, false),
      );
      if (!outcome.ok) {
        io.err(outcome.refusal);
        return EXIT_FAILURE;
      }
      io.out(cardText(outcome.value));
      return EXIT_OK;
    }
    if (sub === 'create' && positional.length) return usage('plan create 不带位置参数：请用 --no、--year、--name 等选项。');
    if (sub === 'edit' && !positional.length) return usage('请写明要修改的计划：plan edit <文号|年份>。');
    const outcome = await runAsOperator(ctx, { kind: 'cli', agencyId }, async (uc) => {
      const existing = sub === 'edit' ? await findPlan(uc.repos, agencyId, ref ?? { year }, year) : undefined;
      const read = readPlanForm(formValues(flags), existing, year);
      if (!read.ok) return read;
      return savePlan(uc, { ...(existing ? { planId: existing.id } : {}), content: read.content, makeDefault: read.makeDefault });
    });
    if (!outcome.ok) {
      printRefusal(io, outcome.refusal);
      return EXIT_FAILURE;
    }
    const saved = outcome.value;
    if (!saved.ok) {
      printRefusal(io, saved.problems.join('\n'));
      return EXIT_FAILURE;
    }
    const what = saved.unchanged ? '内容没有变化' : saved.created ? '已录入' : '已保存修改';
    io.out(
      `${planLabel(saved.plan)} ${what}${saved.plan.isDefault ? `（${saved.plan.year} 年默认计划）` : ''}。查看进度：npm run cli -- plan show ${saved.plan.docNo ?? saved.plan.year}`,
    );
    return EXIT_OK;
  },
};
