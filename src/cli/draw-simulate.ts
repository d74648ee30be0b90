import { parseArgs } from 'node:util';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { MIN_OFFICERS_PER_INSPECTION, prepareDraw, runDraw } from '../domain/draw';
import { addDays, isIsoDate, shanghaiDate } from '../domain/workdays';
import { parseEnterpriseFile, parseOfficerFile } from '../import';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, readInputFile, type CliIo } from './command';

/**
 * `draw simulate`: the pure draw on import-template files, without a database. The seed is
 * given (to reproduce a result) or fresh; the output is JSON with the tasks and the exclusions.
 */
export async function simulateDraw(args: string[], io: CliIo, freshSeed: () => Uint8Array, now: Date): Promise<number> {
  let values: ReturnType<typeof parseSimulateArgs>;
  try {
    values = parseSimulateArgs(args);
  } catch (error) {
    io.err(`参数不对：${argsProblem(error)}\n用法见：npm run cli -- draw --help`);
    return EXIT_USAGE;
  }
  const count = Number(values.count);
  const groupSize = values['group-size'] === undefined ? undefined : Number(values['group-size']);
  const problems: string[] = [];
  if (!values.enterprises) problems.push('缺少 --enterprises <企业名录文件>（CSV 或 XLSX，表头同导入模板）');
  if (!values.officers) problems.push('缺少 --officers <执法人员文件>（CSV 或 XLSX，表头同导入模板）');
  if (!Number.isInteger(count) || count < 1) problems.push('--count 应为不小于 1 的整数（抽取的企业家数）');
  if (groupSize !== undefined && !Number.isInteger(groupSize)) problems.push(`--group-size 应为整数（每组人数，至少 ${MIN_OFFICERS_PER_INSPECTION}）`);
  if (values.seed !== undefined && !/^[0-9a-f]{64}$/i.test(values.seed)) problems.push('--seed 应为 64 位十六进制数（32 字节）');
  for (const k of ['from', 'to'] as const) if (values[k] !== undefined && !isIsoDate(values[k])) problems.push(`--${k} 应为 YYYY-MM-DD 格式的日期`);
  if (problems.length) {
    io.err(problems.join('\n'));
    return EXIT_USAGE;
  }
  const enterpriseData = readInputFile(values.enterprises!, io);
  const officerData = readInputFile(values.officers!, io);
  if (enterpriseData === undefined || officerData === undefined) return EXIT_FAILURE;
  const [enterprises, officers] = await Promise.all([
    parseEnterpriseFile({ data: enterpriseData, filename: values.enterprises }),
    parseOfficerFile({ data: officerData, filename: values.officers }),
  ]);
  if (!enterprises.ok || !officers.ok) {
    for (const e of [...(enterprises.ok ? [] : enterprises.errors), ...(officers.ok ? [] : officers.errors)]) io.err(e);
    return EXIT_FAILURE;
  }
  const today = shanghaiDate(now);
  const window = { from: values.from ?? today, to: values.to ?? addDays(values.from ?? today, 30) };
  const industries = values.industries
    ?.split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const prepared = prepareDraw({
    drawNo: 'simulate',
    enterprises: enterprises.rows,
    officers: officers.rows,
    history: [],
    filters: industries?.length ? { industries } : {},
    quotas: count,
    policy: groupSize === undefined ? {} : { groupSize },
    window,
    today,
    secret: new Uint8Array(32),
  });
  if (!prepared.ok) {
    io.err(prepared.reason);
    return EXIT_FAILURE;
  }
  const seed = values.seed ? hexToBytes(values.seed.toLowerCase()) : freshSeed();
  const result = runDraw(prepared, seed);
  if (!result.ok) {
    io.err(result.reason);
    return EXIT_FAILURE;
  }
  const output = {
    seed: bytesToHex(seed),
    tasks: result.tasks.map((t) => ({ enterprise: t.uscc, officers: t.officers })),
    excluded: [
      ...prepared.excludedEnterprises.map((e) => ({ kind: 'enterprise', id: e.uscc, name: e.name, reason: e.detail })),
      ...prepared.excludedOfficers.map((o) => ({ kind: 'officer', id: o.certificateNo, name: o.name, reason: o.detail })),
    ],
  };
  io.out(values.json ? JSON.stringify(output) : JSON.stringify(output, null, 2));
  return EXIT_OK;
}

/** Node's parseArgs errors (English) in Chinese, by their code; the option or argument is quoted from the message. */
function argsProblem(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const quoted = /'([^' ]+)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知的选项 ${quoted}。`;
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `多余的参数“${quoted}”。`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /argument missing/.test(e.message) ? `选项 ${quoted} 缺少值。` : `选项 ${quoted} 不带值。`;
  return e.message;
}

function parseSimulateArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      enterprises: { type: 'string' },
      officers: { type: 'string' },
      count: { type: 'string' },
      'group-size': { type: 'string' },
      industries: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  }).values;
}
