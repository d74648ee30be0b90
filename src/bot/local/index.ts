export { LocalMessenger, conversationOf, type LocalMessage } from './client';
export { createLocalChat, type LocalChatDeps, type LocalPerson } from './webhook';
