import type { RegisterKind } from '../ports/store';
import type { UseCaseContext, UseCaseResult } from '../use-case';

export const TEMPLATE_NAMES: Record<RegisterKind, string> = {
  enterprises: '检查对象名录库导入模板.xlsx',
  officers: '执法人员名录库导入模板.xlsx',
};

/**
 * `/template 企业|人员`: the import template as an .xlsx file (the CLI's template with one example
 * row; codes kept as text). Where files cannot be sent (DingTalk, for now), the header line.
 */
export async function sendTemplate(ctx: UseCaseContext, kind: RegisterKind): Promise<UseCaseResult> {
  if (ctx.origin.platform === 'dingtalk') {
    const header = ctx.env.spreadsheets.registerHeader(kind);
    return { reply: { type: 'text', text: `钉钉上暂不能发送文件。请新建 Excel 文件，第一行依次写表头：${header}，从第二行起每行一条。` } };
  }
  const file = await ctx.env.spreadsheets.registerTemplate(kind, TEMPLATE_NAMES[kind]);
  return {
    toast: { kind: 'info', text: `已发送${TEMPLATE_NAMES[kind]}：填好后发给机器人（私聊），预览无误再点“确认导入”。` },
    reply: { type: 'file', file },
  };
}
