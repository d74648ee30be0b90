import { ROLE_LABELS } from './labels';
import type { Person, Role } from './ports/store';
import { AppError } from './use-case';

/** Who may do something: the roles allowed and what the refusal says they may not do. */
export interface Permission {
  roles: readonly Role[];
  /** The verb phrase of the refusal: “只有局领导或管理员可以{does}”. */
  does: string;
}

/** Permission first: refuses unless the actor has one of the roles. */
export function checkPermission(actor: Person, permission: Permission | undefined): void {
  if (!permission || permission.roles.includes(actor.role)) return;
  const allowed = permission.roles.map((r) => ROLE_LABELS[r]).join('或');
  throw new AppError('permission', `只有${allowed}可以${permission.does}。你的身份是${ROLE_LABELS[actor.role]}。`);
}
