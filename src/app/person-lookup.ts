import { ROLE_LABELS } from './labels';
import type { Person, Repos } from './ports/store';
import { AppError } from './use-case';

/** “张三（执法人员，执法证 41030001）” */
export function describePerson(p: Person): string {
  return `${p.name}（${ROLE_LABELS[p.role]}${p.certificateNo ? `，执法证 ${p.certificateNo}` : ''}）`;
}

/**
 * The one person of the agency a certificate number or name (or local id) refers to. Names can
 * repeat, so a name shared by several people is refused with a request for the certificate number.
 */
export async function findOnePerson(repos: Repos, agencyId: number, key: string): Promise<Person> {
  const found = await repos.accounts.findPeople(key, agencyId);
  if (found.length === 0) throw new AppError('not_found', `本单位名录中找不到“${key.slice(0, 40)}”。请写执法证号或与名录一致的姓名。`);
  if (found.length > 1) throw new AppError('invalid', `名录中有 ${found.length} 人与“${key}”相符，请改用执法证号。`);
  return found[0]!;
}
