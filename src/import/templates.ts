import type { Enterprise, Officer } from '../domain/model';
import { usccCheckCharacter } from '../domain/uscc';
import { writeCsv, enterpriseRows, officerRows } from './write-csv';
import { enterprisesToXlsx, officersToXlsx } from './write-xlsx';

/** A made-up but valid code for the template's example row. */
const EXAMPLE_FIRST17 = '91410381MA9XKW0A1';
const EXAMPLE_USCC = EXAMPLE_FIRST17 + usccCheckCharacter(EXAMPLE_FIRST17);

/** The templates' example enterprise: it imports cleanly; the administrator overwrites it. */
export const EXAMPLE_ENTERPRISE: Enterprise = {
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
};

/** The templates' example officer. */
export const EXAMPLE_OFFICER: Officer = {
  name: '李四',
  certificateNo: '410381000000',
  certificateValidUntil: '2027-12-31',
  unit: '综合行政执法大队',
  expertise: ['建材', '机械'],
  onDuty: true,
  conflicts: [],
};

/** The enterprise import template: the header line and one example row, UTF-8 with BOM. */
export function enterpriseTemplateCsv(): string {
  return writeCsv(enterpriseRows([EXAMPLE_ENTERPRISE]));
}

/** The officer import template: the header line and one example row, UTF-8 with BOM. */
export function officerTemplateCsv(): string {
  return writeCsv(officerRows([EXAMPLE_OFFICER]));
}

/** The enterprise import template as .xlsx (codes as text cells). */
export function enterpriseTemplateXlsx(): Promise<Uint8Array> {
  return enterprisesToXlsx([EXAMPLE_ENTERPRISE]);
}

/** The officer import template as .xlsx (the validity date as a date cell). */
export function officerTemplateXlsx(): Promise<Uint8Array> {
  return officersToXlsx([EXAMPLE_OFFICER]);
}
