import { audit, auditActor } from '../audit';
import { PLATFORM_NAMES } from '../person-lookup';
import { AppError, requireRole, type UseCaseContext, type UseCaseResult } from '../use-case';

/**
 * `/bind`: an administrator binds the group chat he types in to his agency. Draws are announced
 * and witnessed there, so only an administrator may do it; a repeat changes nothing.
 */
export async function bindChat(ctx: UseCaseContext): Promise<UseCaseResult> {
  const { repos, actor, origin } = ctx;
  requireRole(actor, ['admin'], '绑定工作群');
  if (origin.kind !== 'group') throw new AppError('invalid', '请在要绑定的工作群里 @机器人 发送 /bind（私聊不能绑定）。');
  const agency = await repos.directory.agency(actor.agencyId);
  if (!agency) throw new AppError('not_found', '找不到你所在的单位。');
  const current = await repos.directory.agencyOfChat(origin.platform, origin.chatId);
  if (current !== undefined && current !== actor.agencyId) throw new AppError('permission', '本群已绑定到其他单位，不能改绑。');
  const bound = current === undefined && (await repos.accounts.bindChat(actor.agencyId, origin.platform, origin.chatId, auditActor(actor)));
  if (!bound) return { reply: { type: 'text', text: `本群已绑定到${agency.name}，无需重复绑定。` } };
  await audit(repos, actor, 'chat.bound', {
    agencyId: agency.id,
    subject: `chat:${origin.platform}:${origin.chatId}`,
    data: { platform: origin.platform, chatId: origin.chatId },
  });
  return {
    reply: {
      type: 'text',
      text: `已将本群（${PLATFORM_NAMES[origin.platform]}）绑定到${agency.name}。局领导可在本群 @机器人 发送 /draw 发起抽取；人员账号由管理员发送 /link 执法证号或姓名 @某人 关联。`,
    },
  };
}
