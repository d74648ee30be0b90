import { audit, auditActor } from '../audit';
import { describePerson, findOnePerson, PLATFORM_NAMES } from '../person-lookup';
import { AppError, requireRole, type UseCaseContext, type UseCaseResult } from '../use-case';

const USAGE = '用法：/link 执法证号或姓名 @某人，例如：/link 41030001 @张三（一次关联一人，须 @ 本人的账号）。';

/**
 * `/link <执法证号或姓名> @某人`: an administrator links the mentioned account to a person of the
 * roster. Identity comes only from the administrator (who @-mentions the account, so the platform
 * supplies its id); nobody can claim a person by typing a certificate number.
 */
export async function linkAccount(ctx: UseCaseContext, args: string[]): Promise<UseCaseResult> {
  const { repos, actor, origin } = ctx;
  requireRole(actor, ['admin'], '关联人员账号');
  const keys = args.filter((a) => !a.startsWith('@'));
  const mentions = ctx.mentions ?? [];
  if (keys.length !== 1 || mentions.length !== 1) throw new AppError('invalid', USAGE);
  const person = await findOnePerson(ctx, keys[0]!);
  const account = mentions[0]!;
  const owner = await repos.accounts.ownerOf(origin.platform, account.accountId);
  if (owner === person.id) return { reply: { type: 'text', text: `${describePerson(person)}已关联到 @${account.name}，无需重复操作。` } };
  if (owner !== undefined) {
    const other = await repos.directory.person(owner);
    const who = other && other.agencyId === actor.agencyId ? other.name : '其他人员';
    const key = other && other.agencyId === actor.agencyId ? (other.certificateNo ?? other.name) : '';
    throw new AppError('invalid', `@${account.name} 的账号已关联到${who}。如需改为${person.name}，请先发送 /unlink ${key || '执法证号或姓名'} 解除原关联。`);
  }
  const replaced = await repos.accounts.link(person.id, origin.platform, account.accountId, auditActor(actor));
  await audit(repos, actor, 'account.linked', {
    agencyId: person.agencyId,
    subject: `person:${person.id}`,
    data: { platform: origin.platform, accountId: account.accountId, replaced },
  });
  const note = replaced.length ? '该人员原关联的账号已解除。' : '';
  return { reply: { type: 'text', text: `已将${describePerson(person)}的${PLATFORM_NAMES[origin.platform]}账号关联为 @${account.name}。${note}` } };
}
