/**
 * Administration in the chat: binding a group to the agency, linking people's accounts, the
 * holiday schedule. The first administrator is linked with the CLI (`npm run cli -- accounts
 * link …`), since nobody can link himself in the chat.
 */
import { bindChat } from '../use-cases/bind-chat';
import { importHolidays } from '../use-cases/import-holidays';
import { linkAccount } from '../use-cases/link-account';
import { listPeople } from '../use-cases/list-people';
import { unlinkAccount } from '../use-cases/unlink-account';
import { command, noArguments } from './entry';

export const adminCommands = [
  command({
    words: ['bind', '绑定'],
    help: { usage: '/bind', summary: '在工作群中发送，将本群绑定到本单位' },
    places: ['group', 'unbound-group'],
    wrongPlace: { kind: 'invalid', text: '请在要绑定的工作群里 @机器人 发送 /bind（私聊不能绑定）。' },
    permission: { roles: ['admin'], does: '绑定工作群' },
    parse: noArguments,
    run: (ctx) => bindChat(ctx),
    changesSenders: true,
  }),
  command({
    words: ['link', '关联'],
    help: { usage: '/link 执法证号或姓名 @某人', summary: '关联人员的账号' },
    places: ['group', 'direct'],
    permission: { roles: ['admin'], does: '关联人员账号' },
    parse: ({ args }) => args,
    run: linkAccount,
    changesSenders: true,
  }),
  command({
    words: ['unlink', '解除关联'],
    help: { usage: '/unlink 执法证号或姓名', summary: '解除人员的账号关联' },
    places: ['group', 'direct'],
    permission: { roles: ['admin'], does: '解除人员账号关联' },
    parse: ({ args }) => args,
    run: unlinkAccount,
    changesSenders: true,
  }),
  command({
    words: ['people', '人员'],
    help: { usage: '/people', summary: '查看本平台的人员账号关联情况' },
    places: ['group', 'direct'],
    permission: { roles: ['admin'], does: '查看人员账号关联' },
    parse: noArguments,
    run: (ctx) => listPeople(ctx),
  }),
  command({
    words: ['holidays', '节假日'],
    help: { usage: '/holidays', summary: '查看或录入国务院放假调休安排（录入限管理员）' },
    places: ['group', 'direct'],
    // Seeing what is loaded is for leaders too; loading a year changes every deadline in it.
    permission: (body: string) => (body.trim() === '' ? { roles: ['admin', 'leader'], does: '查看节假日安排' } : { roles: ['admin'], does: '录入节假日安排' }),
    parse: ({ body }) => body,
    run: importHolidays,
  }),
];
