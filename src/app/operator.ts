import type { AuditActor } from './audit';
import type { Person, Repos } from './ports/store';
import { checkPermission } from './permission';
import type { AppEnv, Origin, UseCaseContext } from './use-case';

/**
 * Who runs a use case that both the chat and the command line offer (accounts, chats, holidays).
 *
 * - `person`: someone of the roster, found by his messenger account, acting in the chat he typed
 *   in; his role decides what he may do, and the audit log records him as `person:<id>`.
 * - `cli`: the operator at a shell on the server. He can reach the database anyway, so he acts
 *   as an administrator of the agency chosen with `--agency`; that is also how the first
 *   administrator gets linked (nobody can link himself in the chat). He has no person record:
 *   the audit log and the `linked_by` / `bound_by` columns record him as `cli`, as the directory
 *   imports always have.
 */
export type Operator = PersonOperator | CliOperator;

export interface PersonOperator {
  kind: 'person';
  person: Person;
  origin: Origin;
}

/** The command line acting for no agency in particular: for what concerns all of them (the national holiday schedule). */
export interface CliShell {
  kind: 'cli';
}

/** The command line acting as an administrator of one agency. */
export interface CliOperator extends CliShell {
  agencyId: number;
}

/** What these use cases get: the stores of one transaction, the clock, and who acts. */
export interface OperatorContext<O extends Operator | CliShell = Operator> {
  repos: Repos;
  env: AppEnv;
  operator: O;
}

/** The chat's context seen as an operator context: the person who typed, where he typed. */
export function chatOperator(ctx: UseCaseContext): OperatorContext<PersonOperator> {
  return { repos: ctx.repos, env: ctx.env, operator: { kind: 'person', person: ctx.actor, origin: ctx.origin } };
}

/** Who the audit log (and `linked_by`, `bound_by`) names as having acted: the person, or `cli`. */
export function operatorActor(operator: Operator | CliShell): AuditActor {
  return operator.kind === 'person' ? operator.person : 'cli';
}

/** The agency the operator acts in. */
export function operatorAgencyId(operator: Operator): number {
  return operator.kind === 'person' ? operator.person.agencyId : operator.agencyId;
}

/** Permission first: a person must be an administrator; the CLI operator is one. */
export function requireAdmin(operator: Operator | CliShell, what: string): void {
  if (operator.kind === 'person') checkPermission(operator.person, { roles: ['admin'], does: what });
}
