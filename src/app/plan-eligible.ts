import type { IsoDate } from '../domain/model';
import type { PlanRow, Repos } from './ports/store';

/**
 * What a plan's percentage targets are shares of: the eligible enterprises per industry. For the
 * year in progress, today's directory (a target follows the directory as it is kept up to date).
 * For a year that is over, the directory as the first look after the year found it, frozen then:
 * a 考评 of a past year read again after imports have changed the directory says what it said.
 */
export async function eligibleForPlan(
  repos: Repos,
  plan: Pick<PlanRow, 'id' | 'agencyId' | 'year'>,
  today: IsoDate,
  /** Today's counts of the plan's agency, when the caller reads them once for several plans. */
  current: () => Promise<Record<string, number>> = () => repos.directory.eligibleByIndustry(plan.agencyId),
): Promise<Record<string, number>> {
  if (plan.year >= Number(today.slice(0, 4))) return current();
  const frozen = await repos.plans.eligibleAtYearEnd(plan.id);
  if (frozen) return frozen;
  const counts = await current();
  await repos.plans.freezeEligible(plan.id, counts);
  return counts;
}
