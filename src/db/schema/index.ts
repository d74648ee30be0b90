export * from './directory';
export * from './inspections';
export * from './messaging';
export * from './local-chat';
export * from './imports';
