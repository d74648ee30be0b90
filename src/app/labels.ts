import type { Platform } from './ports/messenger';
import type { Role } from './ports/store';

/** How people and platforms are named to users: one map each, used by every card and message. */
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', leader: '局领导', officer: '执法人员' };

export const PLATFORM_NAMES: Record<Platform, string> = { feishu: '飞书', dingtalk: '钉钉', local: '本地模拟聊天' };
