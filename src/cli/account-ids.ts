import type { Platform } from '../app/ports/messenger';
import { rowError } from '../import/cells';
import type { AccountRow } from '../import/accounts';

/** mobile/email -> account id for those found (the messenger's contact API; DingTalk looks up mobiles only). */
export type OpenIdResolver = (mobiles: string[], emails: string[]) => Promise<Record<string, string>>;

const FEISHU_OPEN_ID = /^ou_\w+$/;

/** What each platform's lookup is called and needs, for the messages below. */
const CONTACTS = {
  feishu: {
    name: '飞书',
    id: 'open_id',
    config: '配置飞书应用（FEISHU_APP_ID、FEISHU_APP_SECRET、FEISHU_VERIFICATION_TOKEN）并使用 --platform feishu',
    permission: '请确认应用已开通“通过手机号或邮箱获取用户 ID”权限（contact:user.id:readonly），且这些人员在应用的可用范围内。',
  },
  dingtalk: {
    name: '钉钉',
    id: '钉钉UserID',
    config: '配置钉钉应用（DINGTALK_APP_KEY、DINGTALK_APP_SECRET、DINGTALK_CARD_TEMPLATE_ID）并使用 --platform dingtalk',
    permission: '请确认应用已开通通讯录“根据手机号获取成员基本信息”的权限，且这些人员在本组织和应用的可用范围内。',
  },
} as const;

/**
 * The account id a row gives for `platform` itself, without a lookup: Feishu's open_id column; for
 * DingTalk the 钉钉UserID column, else the generic 账号/open_id column unless it holds a Feishu
 * open_id (a roster with both platforms' ids).
 */
export function givenId(row: AccountRow, platform: Platform): string | undefined {
  if (platform !== 'dingtalk') return row.openId;
  return row.dingtalkUserId ?? (row.openId && !FEISHU_OPEN_ID.test(row.openId) ? row.openId : undefined);
}

/**
 * The account id of each row of an account file (by row number): the id column, else the one the
 * platform's contact API gives for the mobile (or, on Feishu, the e-mail). Rows it cannot tell are
 * problems, in Chinese and by row, column and value; the contact API is asked once, before any
 * transaction opens.
 */
export async function resolveAccountIds(
  rows: AccountRow[],
  platform: Platform,
  resolve: OpenIdResolver | undefined,
): Promise<{ ids: Map<number, string>; problems: string[] }> {
  const ids = new Map<number, string>();
  const problems: string[] = [];
  const contacts = platform === 'feishu' || platform === 'dingtalk' ? CONTACTS[platform] : undefined;
  const lookup = rows.filter((r) => !givenId(r, platform));
  let found: Record<string, string> = {};
  if (lookup.length) {
    if (!contacts || !resolve) {
      const c = contacts ?? CONTACTS.feishu;
      return {
        ids,
        problems: [`有 ${lookup.length} 行没有填写 ${c.id}，需要按手机号/邮箱查找，这需要${c.config}；或直接填写 ${c.id}。`],
      };
    }
    const mobiles = [...new Set(lookup.flatMap((r) => (r.mobile ? [r.mobile] : [])))];
    const emails = platform === 'feishu' ? [...new Set(lookup.flatMap((r) => (r.email ? [r.email] : [])))] : [];
    try {
      found = await resolve(mobiles, emails);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { ids, problems: [`按手机号/邮箱查询${contacts.name}账号失败：${why}。${contacts.permission}`] };
    }
  }
  for (const r of rows) {
    const given = givenId(r, platform);
    if (given) {
      if (platform === 'feishu' && !FEISHU_OPEN_ID.test(given))
        problems.push(`第 ${r.rowNumber} 行：open_id「${given}」格式不对，飞书的 open_id 以 ou_ 开头。`);
      else if (platform === 'dingtalk' && r.dingtalkUserId && FEISHU_OPEN_ID.test(r.dingtalkUserId))
        problems.push(
          rowError(r.rowNumber, '钉钉UserID', r.dingtalkUserId, '这是飞书的 open_id，不是钉钉 userId：钉钉 userId 见钉钉管理后台“通讯录 → 成员详情”'),
        );
      else ids.set(r.rowNumber, given);
      continue;
    }
    const byMobile = r.mobile ? found[r.mobile] : undefined;
    const byEmail = r.email ? found[r.email] : undefined;
    if (platform === 'dingtalk') {
      if (byMobile) ids.set(r.rowNumber, byMobile);
      else if (r.mobile)
        problems.push(
          rowError(r.rowNumber, '手机号', r.mobile, `在钉钉通讯录中找不到对应用户（${r.person}）：请确认此人在本组织和应用的可用范围内，或直接填写钉钉UserID`),
        );
      else problems.push(rowError(r.rowNumber, '邮箱', r.email ?? '', `钉钉不能按邮箱查找用户（${r.person}）：请填写手机号或钉钉UserID`));
      continue;
    }
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
