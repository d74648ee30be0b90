import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, auditActor } from '../../src/app/audit';
import type { AuditInput, Repos } from '../../src/app/ports/store';

describe('audit', () => {
  it('spells the actor as the log always has: person:<id>, system, cli', () => {
    expect(auditActor({ id: 42 })).toBe('person:42');
    expect(auditActor('system')).toBe('system');
    expect(auditActor('cli')).toBe('cli');
  });

  it('appends the entry in the stored shape', async () => {
    const appended: AuditInput[] = [];
    const repos = { audit: { append: async (e: AuditInput) => void appended.push(e) } } as Pick<Repos, 'audit'>;
    await audit(repos, { id: 7 }, 'draw.abandoned', { agencyId: 1, subject: 'draw:3', data: { drawNo: 'X' } });
    await audit(repos, 'system', 'task.replacement_drawn', { agencyId: 1, subject: 'task:9', data: null });
    expect(appended).toEqual([
      { agencyId: 1, actor: 'person:7', action: 'draw.abandoned', subject: 'draw:3', data: { drawNo: 'X' } },
      { agencyId: 1, actor: 'system', action: 'task.replacement_drawn', subject: 'task:9', data: null },
    ]);
  });

  it('is the only way the application writes the log, so every action is in the AuditAction union', () => {
    const dir = join(import.meta.dirname, '../../src/app');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'audit.ts');
    expect(files.filter((f) => readFileSync(join(dir, f), 'utf8').includes('audit.append('))).toEqual([]);
  });
});
