import { PLATFORM_NAMES, ROLE_LABELS } from '../labels';
import type { UseCaseContext, UseCaseResult } from '../use-case';
import type { CardView } from '../views/card-view';

/** `/people`: who of the agency is linked on this platform, and which chats are bound (administrators). */
export async function listPeople(ctx: UseCaseContext): Promise<UseCaseResult> {
  const { repos, actor, origin } = ctx;
  const roster = await repos.accounts.roster(actor.agencyId, origin.platform);
  const chats = await repos.accounts.chatsOf(actor.agencyId, origin.platform);
  const linked = roster.filter((p) => p.accountId !== null).length;
  const platform = PLATFORM_NAMES[origin.platform];
  const card: CardView = {
    key: `people:${origin.platform}`,
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
      { type: 'text', text: '关联：/link 执法证号或姓名 @某人；解除：/unlink 执法证号或姓名；批量导入：npm run cli -- accounts import 文件 --platform feishu' },
    ],
  };
  return { reply: { type: 'card', card } };
}
