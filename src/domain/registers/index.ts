export { diffRegister, registerFingerprint, type RegisterDiff, type RegisterSpec, type RowUpdate } from './diff';
export { ENTERPRISE_REGISTER, OFFICER_REGISTER } from './specs';
