import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { loadDrawKey } from '../src/draw-key';

const quiet = { info: () => {}, warn: () => {} };

describe('the draw key, kept outside the database', () => {
  it('is created at first start in its file (mode 0600) and read back the same afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drawkey-'));
    const config = loadConfig({ DATA_DIR: join(dir, 'data'), DRAW_KEY_FILE: join(dir, 'secrets', 'draw.key') });
    const warnings: string[] = [];
    const first = loadDrawKey(config, { info: () => {}, warn: (t) => warnings.push(t) });
    expect(first).toHaveLength(32);
    expect(warnings.join()).toContain('请与数据库分开备份');
    expect(statSync(join(dir, 'secrets', 'draw.key')).mode & 0o777).toBe(0o600);
    expect(loadDrawKey(config, quiet)).toEqual(first);
    expect(readFileSync(join(dir, 'secrets', 'draw.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('comes from DRAW_KEY when set, and DRAW_KEY must be 32 bytes of hex', () => {
    const hex = 'ab'.repeat(32);
    expect(loadDrawKey(loadConfig({ DRAW_KEY: hex.toUpperCase() }), quiet)).toEqual(new Uint8Array(32).fill(0xab));
    expect(() => loadConfig({ DRAW_KEY: 'abc' })).toThrow(/DRAW_KEY：应为 64 位十六进制数字/);
  });

  it('refuses a key file inside DATA_DIR (it would travel with every copy of the database)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drawkey-'));
    const config = loadConfig({ DATA_DIR: dir, DRAW_KEY_FILE: join(dir, 'draw.key') });
    expect(() => loadDrawKey(config, quiet)).toThrow(/位于数据目录 DATA_DIR/);
  });

  it('refuses a damaged key file rather than making a new key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drawkey-'));
    const file = join(dir, 'draw.key');
    writeFileSync(file, 'not a key\n');
    expect(() => loadDrawKey(loadConfig({ DATA_DIR: join(dir, 'data'), DRAW_KEY_FILE: file }), quiet)).toThrow(/请从备份恢复/);
  });
});
