import type { Platform } from '../app/ports/messenger';
import type { AccountRow } from '../import/accounts';

/** mobile/email -> open_id for those found (the messenger's contact API). */
export type OpenIdResolver = (mobiles: string[], emails: string[]) => Promise<Record<string, string>>;

/**
 * The account id of each row of an account file (by row number): the open_id column, else the
 * one Feishu's contact API gives for the mobile or e-mail. Rows it cannot tell are problems, in
 * Chinese and by row; the contact API is asked once, before any transaction opens.
 */
export async function resolveAccountIds(
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
      return {
        ids,
        problems: [
          `按手机号/邮箱查询飞书 open_id 失败：${why}。请确认应用已开通“通过手机号或邮箱获取用户 ID”权限（contact:user.id:readonly），且这些人员在应用的可用范围内。`,
        ],
      };
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
