import { audit, auditActor } from '../audit';
import { chatOperator, operatorActor, operatorAgencyId, requireAdmin, type OperatorContext } from '../operator';
import { PLATFORM_NAMES } from '../labels';
import type { Platform } from '../ports/messenger';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';

/** The group chat to bind: in the chat, the one `/bind` is typed in; at the command line, `--chat`. */
export interface BindChatInput {
  platform: Platform;
  chatId: string;
}

/** `/bind`: an administrator binds the group chat he types in to his agency. */
export async function bindChat(ctx: UseCaseContext): Promise<UseCaseResult> {
  return bindChatToAgency(chatOperator(ctx), { platform: ctx.origin.platform, chatId: ctx.origin.chatId });
}

/**
 * Binds a group chat to the operator's agency. Draws are announced and witnessed there, so only
 * an administrator may do it, and in the chat only by typing `/bind` in that very group (its
 * members see who bound it); a chat bound to another agency stays there; a repeat changes nothing.
 */
export async function bindChatToAgency(ctx: OperatorContext, chat: BindChatInput): Promise<UseCaseResult> {
  const { repos, operator } = ctx;
  requireAdmin(operator, '绑定工作群');
  const inThatGroup =
    operator.kind === 'person' && operator.origin.kind === 'group' && operator.origin.platform === chat.platform && operator.origin.chatId === chat.chatId;
  if (operator.kind === 'person' && !inThatGroup) throw new AppError('invalid', '请在要绑定的工作群里 @机器人 发送 /bind（私聊不能绑定）。');
  const agencyId = operatorAgencyId(operator);
  const agency = await repos.directory.agency(agencyId);
  if (!agency) throw new AppError('not_found', operator.kind === 'person' ? '找不到你所在的单位。' : `没有编号为 ${agencyId} 的单位。`);
  const platform = PLATFORM_NAMES[chat.platform];
  const theChat = inThatGroup ? '本群' : `${platform}群 ${chat.chatId} `;
  const current = await repos.directory.agencyOfChat(chat.platform, chat.chatId);
  if (current !== undefined && current !== agencyId) throw new AppError('permission', `${theChat}已绑定到其他单位，不能改绑。`);
  const by = operatorActor(operator);
  const bound = current === undefined && (await repos.accounts.bindChat(agencyId, chat.platform, chat.chatId, auditActor(by)));
  if (!bound) return { reply: { type: 'text', text: `${theChat}已绑定到${agency.name}，无需重复绑定。` } };
  await audit(repos, by, 'chat.bound', {
    agencyId: agency.id,
    subject: `chat:${chat.platform}:${chat.chatId}`,
    data: { platform: chat.platform, chatId: chat.chatId },
  });
  const text = inThatGroup
    ? `已将本群（${platform}）绑定到${agency.name}。局领导可在本群 @机器人 发送 /draw 发起抽取；人员账号由管理员发送 /link 执法证号或姓名 @某人 关联。`
    : `已将${platform}群 ${chat.chatId} 绑定到${agency.name}。局领导可在该群 @机器人 发送 /draw 发起抽取。`;
  return { reply: { type: 'text', text } };
}
