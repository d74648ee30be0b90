import { ROLE_LABELS } from '../app/labels';
import { systemClock } from '../app/ports/clock';
import { addStaff, createAgency } from '../db/repos/directory-import';
import { importRegisterFile } from './directory-import-file';
import { EXIT_FAILURE, EXIT_OK, readInputFile, type CliCommand, usageError } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';
import { resolveAgencyId } from './agency-option';

const USAGE = [
  '用法：',
  '  directory agency --name <单位全称> --short <简称>',
  '        创建单位（应急管理局），只输出新单位的编号',
  '  directory enterprises <文件.csv|xlsx> [--full] [--agency <单位编号>]',
  '        导入检查对象名录库（企业名录）：新的统一社会信用代码新增，已有的更新',
  '  directory officers <文件.csv|xlsx> [--full] [--agency <单位编号>]',
  '        导入执法检查人员名录库：按执法证号新增或更新',
  '  --full：文件即完整名录，名录中有、文件中没有的企业标记为“移出名录”（人员标记为不在岗），不删除。',
  '        不加 --full 时只新增和更新，并告知有多少不在文件中。进度显示在终端（标准错误输出）。',
  '  directory staff --name <姓名> --role leader|admin [--unit <科室>] [--agency <单位编号>]',
  '        添加局领导（leader）或管理员（admin）',
  '  文件使用导入模板的中文表头（见 test/fixtures/enterprises.csv 和 officers.csv）；任何一行有问题，整个文件都不导入。',
  '  只有一个单位时可省略 --agency。',
].join('\n');

const SUBS = ['agency', 'enterprises', 'officers', 'staff'];

export const directoryCommand: CliCommand<CliContext> = {
  name: 'directory',
  summary: '名录：创建单位，导入企业和执法人员，添加局领导和管理员',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    const full = rest.includes('--full');
    const parsed = parseFlags(
      rest.filter((a) => a !== '--full'),
      ['agency', 'name', 'short', 'role', 'unit'],
    );
    const usage = (why: string) => usageError(io, USAGE, why);
    if (sub === undefined || !SUBS.includes(sub)) return usage(sub === undefined ? '缺少子命令。' : `未知的子命令“${sub}”。`);
    if (!parsed.ok) return usage(parsed.error);
    const { flags, positional } = parsed;
    const now = systemClock.now();
    if (sub === 'agency' && flags.name && flags.short && positional.length === 0) {
      const id = await createAgency((await ctx.openDatabase()).db, { name: flags.name, shortName: flags.short }, now);
      io.out(String(id));
      return EXIT_OK;
    }
    if (sub === 'staff' && flags.name && (flags.role === 'leader' || flags.role === 'admin')) {
      const agency = await resolveAgencyId(ctx, io, flags.agency);
      if (agency === undefined) return EXIT_FAILURE;
      const id = await addStaff((await ctx.openDatabase()).db, agency, { name: flags.name, role: flags.role, unit: flags.unit ?? '' }, now);
      io.out(
        `已添加${ROLE_LABELS[flags.role]} ${flags.name}（人员编号 ${id}）。关联其账号：npm run cli -- accounts link --platform feishu --person ${flags.name} --account <open_id>`,
      );
      return EXIT_OK;
    }
    if ((sub === 'enterprises' || sub === 'officers') && positional.length === 1) {
      const file = positional[0]!;
      const data = readInputFile(file, io);
      if (data === undefined) return EXIT_FAILURE;
      const agency = await resolveAgencyId(ctx, io, flags.agency);
      if (agency === undefined) return EXIT_FAILURE;
      return importRegisterFile(ctx, io, { agencyId: agency, kind: sub, file, data, full });
    }
    if (sub === 'staff' && flags.role !== undefined) return usage('--role 应为 leader（局领导）或 admin（管理员）。');
    return usage(`“directory ${sub}”的参数不全或有误。`);
  },
};
