/**
 * Daily reminders and deadlines (督办): pure selection of what is due, for whom, on a working
 * day; see `plan.ts`. Deadlines: 5 个工作日 for publication (偃应急〔2023〕18号), the 检查期 of
 * the draw, and the 限期整改 deadline followed by a 复查.
 */
export * from './items';
export * from './plan';
export * from './types';
