/**
 * The registers from the chat: an administrator sends an .xlsx or .csv file in a direct chat with
 * the bot (the upload entry), sees what it would change, and confirms or cancels; `/template`
 * gives the import templates.
 */
import { z } from 'zod';
import type { RegisterKind } from '../ports/store';
import { MAX_REGISTER_FILE_BYTES } from '../ports/registers';
import { AppError } from '../use-case';
import { cancelImport, confirmImport } from '../use-cases/confirm-import';
import { previewImport } from '../use-cases/preview-import';
import { sendTemplate } from '../use-cases/send-template';
import { action, anyValues, command, idField, type Permission, type UploadEntry } from './entry';

const ADMINS: Permission = { roles: ['admin'], does: '导入名录' };

const TEMPLATE_WORDS: Record<string, RegisterKind> = {
  企业: 'enterprises',
  企业名录: 'enterprises',
  检查对象: 'enterprises',
  人员: 'officers',
  执法人员: 'officers',
  人员名录: 'officers',
};

const importPayload = z
  .object({
    payload: z.object({
      importId: idField('importId'),
      key: z.string({ error: '按钮数据无效，请重新发送名录文件。' }).regex(/^[0-9a-f]{16}$/, { error: '按钮数据无效，请重新发送名录文件。' }),
    }),
    values: anyValues,
  })
  .transform((d) => d.payload);

export const registerCommands = [
  command({
    words: ['template', '模板'],
    help: { usage: '/template 企业', summary: '获取名录导入模板（企业 或 人员），填好后私聊发给机器人导入', examples: ['/template 人员　执法人员名录模板'] },
    places: ['group', 'direct'],
    permission: { roles: ['admin', 'leader'], does: '获取名录导入模板' },
    parse: ({ body }) => {
      const kind = TEMPLATE_WORDS[body.trim()];
      if (!kind) throw new AppError('invalid', '请写明要哪个模板：/template 企业（检查对象名录库）或 /template 人员（执法人员名录库）。');
      return kind;
    },
    run: sendTemplate,
  }),
];

export const registerActions = [
  action({ name: 'import.confirm', permission: ADMINS, input: importPayload, run: confirmImport }),
  action({ name: 'import.cancel', permission: ADMINS, input: importPayload, run: cancelImport }),
];

/** A file sent to the bot: a register to import, administrators only, in a direct chat. */
export const registerUpload: UploadEntry = {
  places: ['direct'],
  wrongPlace: { kind: 'invalid', text: '名录文件请由管理员在与机器人的私聊中发送。' },
  permission: ADMINS,
  maxBytes: MAX_REGISTER_FILE_BYTES,
  tooLarge: (name) =>
    `文件“${name}”超过 ${Math.round(MAX_REGISTER_FILE_BYTES / 1024 / 1024)} MB，未导入。请拆分后分别发送，或在服务器上用 npm run cli -- directory 导入。`,
  run: previewImport,
};
