import { DELISTED_STATUS, type Enterprise, type Officer } from '../model';
import type { RegisterSpec } from './diff';

/** 检查对象名录库, keyed by 统一社会信用代码; a missing enterprise is marked 移出名录. */
export const ENTERPRISE_REGISTER: RegisterSpec<Enterprise> = {
  key: (e) => e.uscc,
  fields: [
    { label: '企业名称', get: (e) => e.name },
    { label: '行业', get: (e) => e.industry },
    { label: '乡镇街道', get: (e) => e.township },
    { label: '风险等级', get: (e) => e.riskLevel },
    { label: '状态', get: (e) => e.status },
    { label: '地址', get: (e) => e.address ?? '' },
    { label: '负责人', get: (e) => e.contactPerson ?? '' },
    { label: '联系电话', get: (e) => e.phone ?? '' },
    { label: '重点监管', get: (e) => e.keySupervision },
  ],
  listed: (e) => e.status !== DELISTED_STATUS,
  delist: (e) => ({ ...e, status: DELISTED_STATUS }),
};

/** 执法检查人员名录库, keyed by 执法证号; a missing officer is marked 不在岗 (no longer drawn). */
export const OFFICER_REGISTER: RegisterSpec<Officer> = {
  key: (o) => o.certificateNo,
  fields: [
    { label: '姓名', get: (o) => o.name },
    { label: '单位', get: (o) => o.unit },
    { label: '证件有效期至', get: (o) => o.certificateValidUntil },
    { label: '擅长行业', get: (o) => o.expertise },
    { label: '在岗', get: (o) => o.onDuty },
    { label: '回避企业', get: (o) => o.conflicts },
  ],
  listed: (o) => o.onDuty,
  delist: (o) => ({ ...o, onDuty: false }),
};
