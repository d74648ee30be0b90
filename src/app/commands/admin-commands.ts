/**
 * Administration in the chat: binding a group to the agency and linking people's accounts.
 * Administrators only (each use case checks); the first administrator is linked with the CLI
 * (`npm run cli -- accounts link …`), since nobody can link himself in the chat.
 */
import { bindChat } from '../use-cases/bind-chat';
import { linkAccount } from '../use-cases/link-account';
import { listPeople } from '../use-cases/list-people';
import { unlinkAccount } from '../use-cases/unlink-account';
import { registerCommands } from './extensions';

registerCommands(
  { words: ['bind', '绑定'], help: '/bind —— 管理员在工作群中发送，将本群绑定到本单位', allowInUnboundChat: true, run: (ctx) => bindChat(ctx) },
  { words: ['link', '关联'], help: '/link 执法证号或姓名 @某人 —— 管理员关联人员的账号', run: (ctx, args) => linkAccount(ctx, args) },
  { words: ['unlink', '解除关联'], help: '/unlink 执法证号或姓名 —— 管理员解除人员的账号关联', run: (ctx, args) => unlinkAccount(ctx, args) },
  { words: ['people', '人员'], help: '/people —— 管理员查看本平台的人员账号关联情况', run: (ctx) => listPeople(ctx) },
);
