import { audit, auditActor } from '../audit';
import { PLATFORM_NAMES } from '../labels';
import { chatOperator, operatorActor, operatorAgencyId, requireAdmin, type Operator, type OperatorContext } from '../operator';
import { describePerson, findOnePerson } from '../person-lookup';
import type { Platform } from '../ports/messenger';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';

const USAGE = '用法：/link 执法证号或姓名 @某人，例如：/link 41030001 @张三（一次关联一人，须 @ 本人的账号）。';

/** What `/link` in the chat and `accounts link` / `accounts import` at the command line both fill. */
export interface LinkAccountInput {
  platform: Platform;
  /** Certificate number, name or local id of a person of the operator's agency. */
  personKey: string;
  /**
   * The account. In the chat its id comes from the platform's @-mention (with the name shown
   * there), never from typed text; at the command line the operator gives the id.
   */
  account: { accountId: string; name?: string };
  /** Recorded in the audit entry when the link comes from a bulk import. */
  via?: 'import';
}

/**
 * `/link <执法证号或姓名> @某人`: an administrator links the mentioned account to a person of the
 * roster. Identity comes only from the administrator (who @-mentions the account, so the platform
 * supplies its id); nobody can claim a person by typing a certificate number.
 */
export async function linkAccount(ctx: UseCaseContext, args: string[]): Promise<UseCaseResult> {
  const keys = args.filter((a) => !a.startsWith('@'));
  const mentions = ctx.mentions ?? [];
  if (keys.length !== 1 || mentions.length !== 1) throw new AppError('invalid', USAGE);
  return linkPersonAccount(chatOperator(ctx), { platform: ctx.origin.platform, personKey: keys[0]!, account: mentions[0]! });
}

/**
 * Links an account to a person of the operator's agency (replacing the person's earlier account
 * on that platform), with its audit entry. An account linked to someone else is refused: it has
 * to be unlinked first, so that a typo cannot silently move someone's identity.
 */
export async function linkPersonAccount(ctx: OperatorContext, input: LinkAccountInput): Promise<UseCaseResult> {
  const { repos, operator } = ctx;
  requireAdmin(operator, '关联人员账号');
  const agencyId = operatorAgencyId(operator);
  const { platform, account } = input;
  const person = await findOnePerson(repos, agencyId, input.personKey);
  const shown = account.name === undefined ? account.accountId : `@${account.name}`;
  const owner = await repos.accounts.ownerOf(platform, account.accountId);
  if (owner === person.id) return { reply: { type: 'text', text: `${describePerson(person)}已关联到 ${shown}，无需重复操作。` } };
  if (owner !== undefined) {
    const other = await repos.directory.person(owner);
    const ours = other && other.agencyId === agencyId ? other : undefined;
    const theAccount = account.name === undefined ? `账号 ${account.accountId} ` : `@${account.name} 的账号`;
    const unlink = unlinkHint(operator, platform, ours ? (ours.certificateNo ?? ours.name) : '');
    throw new AppError('invalid', `${theAccount}已关联到${ours?.name ?? '其他人员'}。如需改为${person.name}，请先${unlink}解除原关联。`);
  }
  const by = operatorActor(operator);
  const replaced = await repos.accounts.link(person.id, platform, account.accountId, auditActor(by));
  await audit(repos, by, 'account.linked', {
    agencyId: person.agencyId,
    subject: `person:${person.id}`,
    data: { platform, accountId: account.accountId, replaced, ...(input.via ? { via: input.via } : {}) },
  });
  const note = replaced.length ? '该人员原关联的账号已解除。' : '';
  return { reply: { type: 'text', text: `已将${describePerson(person)}的${PLATFORM_NAMES[platform]}账号关联为 ${shown}。${note}` } };
}

/** How this operator removes the earlier link: the chat command, or the CLI command. */
function unlinkHint(operator: Operator, platform: Platform, key: string): string {
  const who = key || '执法证号或姓名';
  return operator.kind === 'person' ? `发送 /unlink ${who} ` : `运行 npm run cli -- accounts unlink --platform ${platform} --person ${who} `;
}
