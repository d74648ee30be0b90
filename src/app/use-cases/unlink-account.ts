import { audit } from '../audit';
import { chatOperator, operatorActor, operatorAgencyId, requireAdmin, type OperatorContext } from '../operator';
import { PLATFORM_NAMES } from '../labels';
import { describePerson, findOnePerson } from '../person-lookup';
import type { Platform } from '../ports/messenger';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';

/** What `/unlink` in the chat and `accounts unlink` at the command line both fill. */
export interface UnlinkAccountInput {
  platform: Platform;
  /** Certificate number, name or local id of a person of the operator's agency. */
  personKey: string;
}

/** `/unlink <执法证号或姓名>`: an administrator removes a person's account on this platform. */
export async function unlinkAccount(ctx: UseCaseContext, args: string[]): Promise<UseCaseResult> {
  const keys = args.filter((a) => !a.startsWith('@'));
  if (keys.length !== 1) throw new AppError('invalid', '用法：/unlink 执法证号或姓名，例如：/unlink 41030001');
  return unlinkPersonAccount(chatOperator(ctx), { platform: ctx.origin.platform, personKey: keys[0]! });
}

/** Removes a person's account on a platform, with its audit entry; a person without one is told so. */
export async function unlinkPersonAccount(ctx: OperatorContext, input: UnlinkAccountInput): Promise<UseCaseResult> {
  const { repos, operator } = ctx;
  requireAdmin(operator, '解除人员账号关联');
  const person = await findOnePerson(repos, operatorAgencyId(operator), input.personKey);
  // Unlinking oneself would lock the administrator out of the chat; the CLI can still do it.
  if (operator.kind === 'person' && person.id === operator.person.id)
    throw new AppError('invalid', '不能在聊天中解除自己的关联（解除后将无法再管理）。如确需解除，请使用命令行。');
  const removed = await repos.accounts.unlink(person.id, input.platform);
  const platform = PLATFORM_NAMES[input.platform];
  if (removed.length === 0) return { reply: { type: 'text', text: `${describePerson(person)}没有关联${platform}账号，无需解除。` } };
  await audit(repos, operatorActor(operator), 'account.unlinked', {
    agencyId: person.agencyId,
    subject: `person:${person.id}`,
    data: { platform: input.platform, removed },
  });
  return { reply: { type: 'text', text: `已解除${describePerson(person)}的${platform}账号关联。` } };
}
