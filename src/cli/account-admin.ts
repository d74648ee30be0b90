/**
 * Account and chat administration from the command line: the bootstrap (the first administrator
 * cannot link himself in the chat) and the bulk import. Each operation is one transaction with
 * its audit entries; a refusal is an {@link AdminError} with a Chinese message and saves nothing.
 */
import type { Platform } from '../app/ports/messenger';
import type { Person, Repos, Store } from '../app/ports/store';
import { describePerson } from '../app/person-lookup';
import type { AccountRow } from '../import/accounts';

export class AdminError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'AdminError';
  }
}

export const PLATFORMS: readonly Platform[] = ['feishu', 'dingtalk', 'local'];
/** mobile/email -> open_id for those found (the messenger's contact API). */
export type OpenIdResolver = (mobiles: string[], emails: string[]) => Promise<Record<string, string>>;

const CLI_ACTOR = 'cli';

async function onePerson(repos: Repos, key: string): Promise<Person> {
  const found = await repos.accounts.findPeople(key);
  if (found.length === 0) throw new AdminError([`名录中找不到“${key}”：请写人员的本地 ID、执法证号或姓名。`]);
  if (found.length > 1) throw new AdminError([`有 ${found.length} 人与“${key}”相符：${found.map(describePerson).join('、')}。请改用执法证号或本地 ID。`]);
  return found[0]!;
}

/** `accounts link`: links one account to one person (typically the first administrator). */
export async function linkAccountFromCli(store: Store, input: { platform: Platform; person: string; account: string }): Promise<string> {
  return store.transaction(async (repos) => {
    const person = await onePerson(repos, input.person);
    const owner = await repos.accounts.ownerOf(input.platform, input.account);
    if (owner === person.id) return `${describePerson(person)}已关联到 ${input.account}，无需重复操作。`;
    if (owner !== undefined) {
      const other = await repos.directory.person(owner);
      throw new AdminError([`账号 ${input.account} 已关联到${other ? describePerson(other) : `人员 ${owner}`}，请先解除原关联。`]);
    }
    const replaced = await repos.accounts.link(person.id, input.platform, input.account, CLI_ACTOR);
    await repos.audit.append({
      agencyId: person.agencyId,
      actor: CLI_ACTOR,
      action: 'account.linked',
      subject: `person:${person.id}`,
      data: { platform: input.platform, accountId: input.account, replaced },
    });
    return `已将${describePerson(person)}关联到 ${input.platform} 账号 ${input.account}${replaced.length ? `（原账号 ${replaced.join('、')} 已解除）` : ''}。`;
  });
}

/** `chats bind`: binds a group chat to an agency (the one agency when there is only one). */
export async function bindChatFromCli(store: Store, input: { platform: Platform; chat: string; agencyId: number }): Promise<string> {
  return store.transaction(async (repos) => {
    const agency = await repos.directory.agency(input.agencyId);
    if (!agency) throw new AdminError([`没有编号为 ${input.agencyId} 的单位。`]);
    const current = await repos.directory.agencyOfChat(input.platform, input.chat);
    if (current === agency.id) return `群 ${input.chat} 已绑定到${agency.name}，无需重复绑定。`;
    if (current !== undefined) throw new AdminError([`群 ${input.chat} 已绑定到其他单位（编号 ${current}），不能改绑。`]);
    await repos.accounts.bindChat(agency.id, input.platform, input.chat, CLI_ACTOR);
    await repos.audit.append({
      agencyId: agency.id,
      actor: CLI_ACTOR,
      action: 'chat.bound',
      subject: `chat:${input.platform}:${input.chat}`,
      data: { platform: input.platform, chatId: input.chat },
    });
    return `已将 ${input.platform} 群 ${input.chat} 绑定到${agency.name}。`;
  });
}

/** Open ids of the rows: the explicit column, else resolved from the mobile or the e-mail. */
async function resolveRows(
  rows: AccountRow[],
  platform: Platform,
  resolve: OpenIdResolver | undefined,
): Promise<{ ids: Map<number, string>; problems: string[] }> {
  const ids = new Map<number, string>();
  const problems: string[] = [];
  const lookup = rows.filter((r) => !r.openId);
  let found: Record<string, string> = {};
  if (lookup.length) {
    if (platform !== 'feishu' || !resolve) {
      return {
        ids,
        problems: [
          `有 ${lookup.length} 行没有填写 open_id，需要按手机号/邮箱查找，这需要配置飞书应用（FEISHU_APP_ID、FEISHU_APP_SECRET、FEISHU_VERIFICATION_TOKEN）并使用 --platform feishu；或直接填写 open_id。`,
        ],
      };
    }
    const mobiles = [...new Set(lookup.flatMap((r) => (r.mobile ? [r.mobile] : [])))];
    const emails = [...new Set(lookup.flatMap((r) => (r.email ? [r.email] : [])))];
    try {
      found = await resolve(mobiles, emails);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new AdminError([
        `按手机号/邮箱查询飞书 open_id 失败：${why}。请确认应用已开通“通过手机号或邮箱获取用户 ID”权限（contact:user.id:readonly），且这些人员在应用的可用范围内。`,
      ]);
    }
  }
  for (const r of rows) {
    if (r.openId) {
      if (platform === 'feishu' && !/^ou_\w+$/.test(r.openId))
        problems.push(`第 ${r.rowNumber} 行：open_id「${r.openId}」格式不对，飞书的 open_id 以 ou_ 开头。`);
      else ids.set(r.rowNumber, r.openId);
      continue;
    }
    const byMobile = r.mobile ? found[r.mobile] : undefined;
    const byEmail = r.email ? found[r.email] : undefined;
    if (byMobile && byEmail && byMobile !== byEmail)
      problems.push(`第 ${r.rowNumber} 行：手机号 ${r.mobile} 与邮箱 ${r.email} 在飞书中对应不同的用户，请核对后只保留正确的一项。`);
    else if (byMobile ?? byEmail) ids.set(r.rowNumber, (byMobile ?? byEmail)!);
    else
      problems.push(
        `第 ${r.rowNumber} 行（${r.person}）：${[r.mobile && `手机号 ${r.mobile}`, r.email && `邮箱 ${r.email}`].filter(Boolean).join('、')} 在飞书通讯录中找不到对应用户。请确认此人在应用的可用范围内，或直接填写 open_id。`,
      );
  }
  return { ids, problems };
}

/**
 * `accounts import`: links every row, or nothing. Every problem (unknown person, unresolvable
 * mobile/e-mail, duplicates, an account linked to someone else) is reported by row.
 */
export async function importAccounts(
  store: Store,
  rows: AccountRow[],
  platform: Platform,
  resolve?: OpenIdResolver,
): Promise<{ linked: number; unchanged: number }> {
  const { ids, problems } = await resolveRows(rows, platform, resolve);
  return store.transaction(async (repos) => {
    const plan: Array<{ row: AccountRow; person: Person; accountId: string }> = [];
    const rowOfPerson = new Map<number, number>();
    const rowOfAccount = new Map<string, number>();
    for (const row of rows) {
      const found = await repos.accounts.findPeople(row.person);
      if (found.length !== 1) {
        problems.push(
          found.length === 0
            ? `第 ${row.rowNumber} 行：名录中找不到“${row.person}”。`
            : `第 ${row.rowNumber} 行：有 ${found.length} 人与“${row.person}”相符，请改用执法证号。`,
        );
        continue;
      }
      const person = found[0]!;
      const accountId = ids.get(row.rowNumber);
      if (rowOfPerson.has(person.id)) problems.push(`第 ${row.rowNumber} 行：${person.name} 与第 ${rowOfPerson.get(person.id)} 行是同一人。`);
      else rowOfPerson.set(person.id, row.rowNumber);
      if (!accountId) continue;
      if (rowOfAccount.has(accountId)) problems.push(`第 ${row.rowNumber} 行：账号 ${accountId} 与第 ${rowOfAccount.get(accountId)} 行相同。`);
      else rowOfAccount.set(accountId, row.rowNumber);
      const owner = await repos.accounts.ownerOf(platform, accountId);
      if (owner !== undefined && owner !== person.id) {
        const other = await repos.directory.person(owner);
        problems.push(`第 ${row.rowNumber} 行：账号 ${accountId} 已关联到${other ? describePerson(other) : '其他人员'}，请先解除原关联。`);
      }
      plan.push({ row, person, accountId });
    }
    if (problems.length) throw new AdminError(problems.sort((a, b) => rowNo(a) - rowNo(b)));
    let linked = 0;
    for (const { person, accountId } of plan) {
      if ((await repos.accounts.ownerOf(platform, accountId)) === person.id) continue;
      const replaced = await repos.accounts.link(person.id, platform, accountId, CLI_ACTOR);
      await repos.audit.append({
        agencyId: person.agencyId,
        actor: CLI_ACTOR,
        action: 'account.linked',
        subject: `person:${person.id}`,
        data: { platform, accountId, replaced, via: 'import' },
      });
      linked++;
    }
    return { linked, unchanged: plan.length - linked };
  });
}

const rowNo = (problem: string) => Number(/^第 (\d+) 行/.exec(problem)?.[1] ?? 0);
