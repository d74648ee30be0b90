import { usccCheckCharacter } from '../domain/uscc';
import { writeCsv, enterpriseRows, officerRows } from './write-csv';

/** A made-up but valid code for the template's example row. */
const EXAMPLE_FIRST17 = '91410381MA9XKW0A1';
const EXAMPLE_USCC = EXAMPLE_FIRST17 + usccCheckCharacter(EXAMPLE_FIRST17);

/**
 * The enterprise import template: the header line and one example row, UTF-8 with BOM.
 * The example row imports cleanly; the administrator overwrites it.
 */
export function enterpriseTemplateCsv(): string {
  return writeCsv(
    enterpriseRows([
      {
        uscc: EXAMPLE_USCC,
        name: '偃师区示例机械有限公司',
        industry: '机械',
        township: '首阳山街道',
        riskLevel: '一般',
        status: '在营',
        address: '洛阳市偃师区首阳山街道演示路1号',
        contactPerson: '张三',
        phone: '0379-60000000',
        keySupervision: false,
      },
    ]),
  );
}

/** The officer import template: the header line and one example row, UTF-8 with BOM. */
export function officerTemplateCsv(): string {
  return writeCsv(
    officerRows([
      {
        name: '李四',
        certificateNo: '410381000000',
        certificateValidUntil: '2027-12-31',
        unit: '综合行政执法大队',
        expertise: ['建材', '机械'],
        onDuty: true,
        conflicts: [],
      },
    ]),
  );
}
