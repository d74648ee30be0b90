import { audit } from '../audit';
import { describePerson, findOnePerson, PLATFORM_NAMES } from '../person-lookup';
import { AppError, requireRole, type UseCaseContext, type UseCaseResult } from '../use-case';

/** `/unlink <执法证号或姓名>`: an administrator removes a person's account on this platform. */
export async function unlinkAccount(ctx: UseCaseContext, args: string[]): Promise<UseCaseResult> {
  const { repos, actor, origin } = ctx;
  requireRole(actor, ['admin'], '解除人员账号关联');
  const keys = args.filter((a) => !a.startsWith('@'));
  if (keys.length !== 1) throw new AppError('invalid', '用法：/unlink 执法证号或姓名，例如：/unlink 41030001');
  const person = await findOnePerson(ctx, keys[0]!);
  // Unlinking oneself would lock the administrator out of the chat; the CLI can still do it.
  if (person.id === actor.id) throw new AppError('invalid', '不能在聊天中解除自己的关联（解除后将无法再管理）。如确需解除，请使用命令行。');
  const removed = await repos.accounts.unlink(person.id, origin.platform);
  const platform = PLATFORM_NAMES[origin.platform];
  if (removed.length === 0) return { reply: { type: 'text', text: `${describePerson(person)}没有关联${platform}账号，无需解除。` } };
  await audit(repos, actor, 'account.unlinked', { agencyId: person.agencyId, subject: `person:${person.id}`, data: { platform: origin.platform, removed } });
  return { reply: { type: 'text', text: `已解除${describePerson(person)}的${platform}账号关联。` } };
}
