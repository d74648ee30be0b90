import { ROLE_LABELS } from './labels';
import type { Role } from './ports/store';

/**
 * The pages of the user manual (docs/manual/<page>.md, served at /manual/<page>): a common start
 * page, one page per role, the public's page and the questions asked most.
 */
export const MANUAL_PAGES = ['index', 'leader', 'officer', 'admin', 'public', 'faq'] as const;
export type ManualPage = (typeof MANUAL_PAGES)[number];

/** Each role's own page of the manual. */
export const MANUAL_PAGE_OF_ROLE: Record<Role, ManualPage> = { leader: 'leader', officer: 'officer', admin: 'admin' };

/** Where a page is served: `/manual` for the start page, `/manual/<page>` for the others. */
export function manualPath(page: ManualPage): string {
  return page === 'index' ? '/manual' : `/manual/${page}`;
}

/**
 * The link `/help` gives to the asker's page of the manual: absolute under PUBLIC_BASE_URL
 * (what Feishu and DingTalk can open), else the path on the bot's own address.
 */
export function manualLink(role: Role, publicBaseUrl?: string): { text: string; url: string } {
  const path = manualPath(MANUAL_PAGE_OF_ROLE[role]);
  return { text: `使用手册（${ROLE_LABELS[role]}）`, url: publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${path}` : path };
}
