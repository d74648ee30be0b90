import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { prepareDraw, runDraw } from '../domain/draw';
import { addDays, shanghaiDate } from '../domain/workdays';
import { parseEnterpriseFile, parseOfficerFile } from '../import';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './command';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `draw simulate`: the pure draw on import-template files, without a database. The seed is
 * given (to reproduce a result) or fresh; the output is JSON with the tasks and the exclusions.
 */
export async function simulateDraw(args: string[], io: CliIo, freshSeed: () => Uint8Array, now: Date): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
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
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\nRun: npm run cli -- draw --help`);
    return EXIT_USAGE;
  }
  const count = Number(values.count);
  const groupSize = values['group-size'] === undefined ? undefined : Number(values['group-size']);
  const problems: string[] = [];
  if (!values.enterprises) problems.push('--enterprises <file> is required');
  if (!values.officers) problems.push('--officers <file> is required');
  if (!Number.isInteger(count) || count < 1) problems.push('--count must be a whole number ≥ 1');
  if (groupSize !== undefined && !Number.isInteger(groupSize)) problems.push('--group-size must be a whole number');
  if (values.seed !== undefined && !/^[0-9a-f]{64}$/i.test(values.seed)) problems.push('--seed must be 64 hexadecimal characters (32 bytes)');
  for (const k of ['from', 'to'] as const) if (values[k] !== undefined && !DATE.test(values[k]!)) problems.push(`--${k} must be YYYY-MM-DD`);
  if (problems.length) {
    io.err(problems.join('\n'));
    return EXIT_USAGE;
  }
  const [enterprises, officers] = await Promise.all([
    parseEnterpriseFile({ data: readFileSync(values.enterprises!), filename: values.enterprises }),
    parseOfficerFile({ data: readFileSync(values.officers!), filename: values.officers }),
  ]);
  if (!enterprises.ok || !officers.ok) {
    for (const e of [...(enterprises.ok ? [] : enterprises.errors), ...(officers.ok ? [] : officers.errors)]) io.err(e);
    return EXIT_FAILURE;
  }
  const today = shanghaiDate(now);
  const window = { from: values.from ?? today, to: values.to ?? addDays(values.from ?? today, 30) };
  const industries = values.industries?.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
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
