import { chatOperator, operatorAgencyId, requireAdmin, type OperatorContext } from '../operator';
import { PLATFORM_NAMES, ROLE_LABELS } from '../labels';
import type { Platform } from '../ports/messenger';
import type { UseCaseContext, UseCaseResult } from '../use-case';
import type { CardView } from '../views/card-view';

/** `/people`: who of the agency is linked on this platform, and which chats are bound (administrators). */
export async function listPeople(ctx: UseCaseContext): Promise<UseCaseResult> {
  return listPeopleOn(chatOperator(ctx), ctx.origin.platform);
}

/** The agency's people with their account on a platform, and its bound chats there, as a card. */
export async function listPeopleOn(ctx: OperatorContext, on: Platform): Promise<UseCaseResult> {
  const { repos, operator } = ctx;
  requireAdmin(operator, '查看人员账号关联');
  const agencyId = operatorAgencyId(operator);
  const roster = await repos.accounts.roster(agencyId, on);
  const chats = await repos.accounts.chatsOf(agencyId, on);
  const linked = roster.filter((p) => p.accountId !== null).length;
  const platform = PLATFORM_NAMES[on];
  const how =
    operator.kind === 'person'
      ? '关联：/link 执法证号或姓名 @某人；解除：/unlink 执法证号或姓名；批量导入：npm run cli -- accounts import 文件 --platform feishu'
      : `关联：accounts link --platform ${on} --person 执法证号或姓名 --account 账号ID；解除：accounts unlink --platform ${on} --person 执法证号或姓名；批量导入：accounts import 文件 --platform ${on}`;
  const card: CardView = {
    key: `people:${on}`,
    title: `人员账号关联（${platform}）`,
    tone: linked === roster.length ? 'success' : 'warning',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '已关联', value: `${linked} / ${roster.length} 人` },
          { label: '已绑定工作群', value: `${chats.length} 个` },
        ],
      },
      {
        type: 'table',
        columns: ['姓名', '角色', '执法证号', '账号'],
        rows: roster.map((p) => [p.name, ROLE_LABELS[p.role], p.certificateNo ?? '', p.accountId ?? '未关联']),
      },
      { type: 'text', text: how },
    ],
  };
  return { reply: { type: 'card', card } };
}
