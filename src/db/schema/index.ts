export * from './directory';
export * from './inspections';
export * from './messaging';
export * from './local-chat';
export * from './audit-heads';
export * from './recusals';
export * from './imports';
