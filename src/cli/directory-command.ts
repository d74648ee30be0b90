import { systemClock } from '../app/ports/clock';
import { addStaff, createAgency, importEnterprises, importOfficers } from '../db/repos/directory-import';
import { parseEnterpriseFile, parseOfficerFile } from '../import';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, readInputFile, type CliCommand } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';
import { resolveAgencyId } from './agency-option';

const USAGE = [
  'npm run cli -- directory agency --name <单位全称> --short <简称>      create the agency (the bureau); prints its number',
  'npm run cli -- directory enterprises <file.csv|xlsx> [--agency <n>]   load the enterprise directory (检查对象名录库)',
  'npm run cli -- directory officers <file.csv|xlsx> [--agency <n>]      load the officer roster (执法检查人员名录库)',
  'npm run cli -- directory staff --name <姓名> --role leader|admin [--unit <科室>] [--agency <n>]   add a leader or administrator',
  "Files use the import template's Chinese headers (see test/fixtures/enterprises.csv and officers.csv); a file with any bad row is refused whole.",
].join('\n');

export const directoryCommand: CliCommand<CliContext> = {
  name: 'directory',
  summary: 'the registers: create the agency, load enterprises and officers, add leaders and administrators',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    const parsed = parseFlags(rest, ['agency', 'name', 'short', 'role', 'unit']);
    if (!parsed.ok) {
      io.err(`${parsed.error}\n${USAGE}`);
      return EXIT_USAGE;
    }
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
        `person ${id}: ${flags.name} (${flags.role}); link the messenger account with: npm run cli -- accounts link --platform feishu --person ${flags.name} --account <open_id>`,
      );
      return EXIT_OK;
    }
    if ((sub === 'enterprises' || sub === 'officers') && positional.length === 1) {
      const file = positional[0]!;
      const data = readInputFile(file, io);
      if (data === undefined) return EXIT_FAILURE;
      const agency = await resolveAgencyId(ctx, io, flags.agency);
      if (agency === undefined) return EXIT_FAILURE;
      const parsedFile = sub === 'enterprises' ? await parseEnterpriseFile({ data, filename: file }) : await parseOfficerFile({ data, filename: file });
      if (!parsedFile.ok) {
        io.err(`文件有 ${parsedFile.errors.length} 处问题，未导入任何数据：`);
        for (const e of parsedFile.errors) io.err(`  ${e}`);
        return EXIT_FAILURE;
      }
      const { db } = await ctx.openDatabase();
      const result =
        sub === 'enterprises'
          ? await importEnterprises(db, agency, parsedFile.rows as never, now)
          : await importOfficers(db, agency, parsedFile.rows as never, now);
      io.out(`${sub}: ${result.added} added, ${result.updated} updated`);
      return EXIT_OK;
    }
    io.err(USAGE);
    return EXIT_USAGE;
  },
};
