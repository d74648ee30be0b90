import type { DirectorySlice, PlainSpec } from '../../domain/draw';
import type { Enterprise, InspectionRecord, Officer } from '../../domain/model';
import type { Platform } from './messenger';

export type Role = 'admin' | 'leader' | 'officer';

export interface Agency {
  id: number;
  name: string;
  shortName: string;
  publicationWorkdays: number;
  countStartDay: boolean;
  yearlyCap: number;
  cooldownMonths: number;
  excludeLastInspector: boolean;
  groupSize: number;
  requireExpertise: boolean;
  requireUnit: string | null;
}

export interface Person {
  id: number;
  agencyId: number;
  name: string;
  role: Role;
  unit: string;
  certificateNo: string | null;
}

/** The agencies, their people and enterprises (检查对象名录库), and the check items, as use cases read them. */
export interface DirectoryRepo {
  agency(id: number): Promise<Agency | undefined>;
  /** Every agency, by id (the CLI chooses one with `--agency`). */
  agencies(): Promise<Array<Pick<Agency, 'id' | 'name' | 'shortName'>>>;
  personByAccount(platform: Platform, accountId: string): Promise<Person | undefined>;
  agencyOfChat(platform: Platform, chatId: string): Promise<number | undefined>;
  /** `personByAccount` for several accounts in one statement, in the order given. */
  peopleByAccounts(keys: ReadonlyArray<{ platform: Platform; accountId: string }>): Promise<Array<Person | undefined>>;
  /** `agencyOfChat` for several chats in one statement, in the order given. */
  agenciesOfChats(keys: ReadonlyArray<{ platform: Platform; chatId: string }>): Promise<Array<number | undefined>>;
  /** Messenger accounts of people on one platform. */
  accountsOf(personIds: number[], platform: Platform): Promise<Map<number, string>>;
  peopleWithRole(agencyId: number, roles: Role[]): Promise<Person[]>;
  person(id: number): Promise<Person | undefined>;
  personByCertificate(agencyId: number, certificateNo: string): Promise<Person | undefined>;
  enterprise(agencyId: number, uscc: string): Promise<Enterprise | undefined>;
  enterprisesByUscc(agencyId: number, usccs: string[]): Promise<Map<string, Enterprise>>;
  /** The officers and the inspection history a draw looks at (both small). */
  drawRoster(agencyId: number): Promise<{ officers: Officer[]; history: InspectionRecord[] }>;
  /**
   * The enterprises of a draw: special rows in full (see PlainSpec); the plain ones counted by
   * industry and risk level when `countPlain` (else `plainGroups` is null: freezing counts them).
   */
  drawSlice(agencyId: number, spec: PlainSpec, options: { countPlain: boolean }): Promise<DirectorySlice>;
  /** Enterprises that may be drawn at all (在营, not under 重点监管) per industry: what a plan's percentage targets are of. */
  eligibleByIndustry(agencyId: number): Promise<Record<string, number>>;
  checkItems(): Promise<Array<{ code: string; title: string; content: string; legalBasis: string }>>;
}
