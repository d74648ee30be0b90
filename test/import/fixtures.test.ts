import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoDataset } from '../../src/domain/demo/demo-dataset';
import { enterprisesToCsv, officersToCsv, parseEnterpriseFile, parseOfficerFile } from '../../src/import';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const demo = buildDemoDataset({ referenceDate: '2026-03-01' });

describe('test/fixtures', () => {
  it('enterprises.csv imports and equals the demo directory', async () => {
    const data = fixture('enterprises.csv');
    expect(await parseEnterpriseFile({ data, filename: 'enterprises.csv' })).toEqual({ ok: true, rows: demo.enterprises });
    expect(new TextDecoder().decode(data)).toBe(enterprisesToCsv(demo.enterprises).replace(/^\ufeff/, ''));
  });

  it('officers.csv imports and equals the demo roster', async () => {
    const data = fixture('officers.csv');
    expect(await parseOfficerFile({ data, filename: 'officers.csv' })).toEqual({ ok: true, rows: demo.officers });
    expect(new TextDecoder().decode(data)).toBe(officersToCsv(demo.officers).replace(/^\ufeff/, ''));
  });

  it('officers.xlsx imports and equals the demo roster', async () => {
    expect(await parseOfficerFile({ data: fixture('officers.xlsx'), filename: 'officers.xlsx' })).toEqual({ ok: true, rows: demo.officers });
  });
});
