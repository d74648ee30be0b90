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
      `抽取密钥文件 DRAW_KEY_FILE（${file}）位于数据目录 DATA_DIR（${config.dataDir}）之内：抽取密钥须与数据库分开存放，例如 DRAW_KEY_FILE=./secrets/draw.key`,
    );
  }
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    logger.warn(`已生成抽取密钥 ${resolve(file)}：请与数据库分开备份（见 README“Draw key”）`);
  }
  const match = KEY_TEXT.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file} 中没有有效的抽取密钥（64 位十六进制数字）：请从备份恢复（见 README“Draw key”）`);
  logger.info(`draw key: ${resolve(file)}`);
  return hexToBytes(match[1]!.toLowerCase());
}
