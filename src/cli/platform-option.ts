import type { Platform } from '../app/ports/messenger';

export const PLATFORMS: readonly Platform[] = ['feishu', 'dingtalk', 'local'];

/** `--platform <feishu|dingtalk|local>`: the platform, or undefined when missing or unknown. */
export function platformOf(value: string | undefined): Platform | undefined {
  return PLATFORMS.find((p) => p === value);
}

export const PLATFORM_REQUIRED = `请用 --platform 指定平台：${PLATFORMS.join(' / ')}。`;

/**
 * Why an account or chat id cannot be one of the platform's, or undefined. Only Feishu's ids have
 * a known shape (open_id `ou_…`, chat_id `oc_…`); a typo caught here never reaches the database.
 * DingTalk userIds have none, but a Feishu open_id given for DingTalk is surely a mix-up.
 */
export function badPlatformId(platform: Platform, kind: 'account' | 'chat', id: string): string | undefined {
  if (platform === 'dingtalk' && kind === 'account' && /^ou_\w+$/.test(id))
    return `“${id}”是飞书的 open_id，不是钉钉 userId（见钉钉管理后台“通讯录 → 成员详情”）。`;
  if (platform !== 'feishu') return undefined;
  if (kind === 'account' && !/^ou_\w+$/.test(id)) return `“${id}”不像飞书用户的 open_id（以 ou_ 开头）。`;
  if (kind === 'chat' && !/^oc_\w+$/.test(id)) return `“${id}”不像飞书群的 chat_id（以 oc_ 开头）。`;
  return undefined;
}
