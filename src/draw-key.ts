/**
 * The draw key on Node: from DRAW_KEY, or from its key file, created at first start. The key
 * lives outside the database and outside DATA_DIR, so that a copy of the database (a backup, a
 * read-only account, whoever runs it) does not tell a pending draw's result. Losing it only
 * means that draws prepared but not yet executed must be abandoned; back it up all the same.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Config } from './config';
import type { Logger } from './logger';

const KEY_TEXT = /^\s*([0-9a-fA-F]{64})\s*$/;

function inside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Reads (or, the first time, creates) the draw key; throws with what to do when it cannot. */
export function loadDrawKey(config: Pick<Config, 'drawKey' | 'dataDir'>, logger: Pick<Logger, 'info' | 'warn'>): Uint8Array {
  const where = config.drawKey;
  if ('hex' in where) return hexToBytes(where.hex);
  const file = where.file;
  if (inside(config.dataDir, file)) {
    throw new Error(
      `DRAW_KEY_FILE (${file}) is inside DATA_DIR (${config.dataDir}): keep the draw key apart from the database, e.g. DRAW_KEY_FILE=./secrets/draw.key`,
    );
  }
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    logger.warn(`draw key created at ${resolve(file)}: back it up apart from the database (README "Draw key")`);
  }
  const match = KEY_TEXT.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file} does not hold a draw key (64 hex digits); restore it from the backup (README "Draw key")`);
  logger.info(`draw key: ${resolve(file)}`);
  return hexToBytes(match[1]!.toLowerCase());
}
