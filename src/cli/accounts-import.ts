import type { Platform } from '../app/ports/messenger';
import { findOnePerson } from '../app/person-lookup';
import { AppError } from '../app/use-case';
import { linkPersonAccount } from '../app/use-cases/link-account';
import type { AccountRow } from '../import/accounts';
import { resolveAccountIds, type OpenIdResolver } from './account-ids';
import type { CliContext } from './commands';
import { runAsOperator, type CliOutcome } from './run-as-operator';

/**
 * `accounts import`: links every row through the same use case as `/link` (same rules, same audit
 * entry, marked `via: 'import'`), all in one transaction, or nothing. Every problem (unknown
 * person, unresolvable mobile/e-mail, a person or account twice in the file, an account linked
 * to someone else) is reported by row, so one correction round is enough.
 */
export async function importAccountRows(
  ctx: CliContext,
  input: { rows: AccountRow[]; platform: Platform; agencyId: number; resolve?: OpenIdResolver },
): Promise<CliOutcome<{ linked: number; unchanged: number }>> {
  const { rows, platform, agencyId } = input;
  const { ids, problems } = await resolveAccountIds(rows, platform, input.resolve);
  return runAsOperator(ctx, { kind: 'cli', agencyId }, async (uc) => {
    const rowOfPerson = new Map<number, number>();
    const rowOfAccount = new Map<string, number>();
    let linked = 0;
    let unchanged = 0;
    for (const row of rows) {
      const problem = (text: string) => problems.push(`第 ${row.rowNumber} 行：${text}`);
      try {
        const person = await findOnePerson(uc.repos, agencyId, row.person);
        const accountId = ids.get(row.rowNumber);
        const samePerson = rowOfPerson.get(person.id);
        if (samePerson !== undefined) problem(`${person.name} 与第 ${samePerson} 行是同一人。`);
        else rowOfPerson.set(person.id, row.rowNumber);
        if (!accountId) continue;
        const sameAccount = rowOfAccount.get(accountId);
        if (sameAccount !== undefined) problem(`账号 ${accountId} 与第 ${sameAccount} 行相同。`);
        else rowOfAccount.set(accountId, row.rowNumber);
        if (samePerson !== undefined || sameAccount !== undefined) continue;
        if ((await uc.repos.accounts.ownerOf(platform, accountId)) === person.id) unchanged++;
        else {
          await linkPersonAccount(uc, { platform, personKey: row.person, account: { accountId }, via: 'import' });
          linked++;
        }
      } catch (error) {
        // A refusal comes before the use case writes anything, so the transaction goes on to the next row.
        if (!(error instanceof AppError)) throw error;
        problem(error.message);
      }
    }
    if (problems.length) throw new AppError('invalid', problems.sort((a, b) => rowNo(a) - rowNo(b)).join('\n'));
    return { linked, unchanged };
  });
}

const rowNo = (problem: string) => Number(/^第 (\d+) 行/.exec(problem)?.[1] ?? 0);
