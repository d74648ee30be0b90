import { createWorkdayCalendar, shanghaiDate, type WorkdayCalendar } from '../domain/workdays';
import type { IsoDate } from '../domain/model';
import type { Beacon } from './ports/beacon';
import type { Clock } from './ports/clock';
import type { DocumentRenderer } from './ports/documents';
import type { EvidenceStore } from './ports/evidence-store';
import type { OutgoingMessage, Platform } from './ports/messenger';
import type { RandomSource } from './ports/random';
import type { Spreadsheets } from './ports/spreadsheets';
import type { Person, Repos } from './ports/store';
import type { CardView } from './views/card-view';

export interface AppEnv {
  clock: Clock;
  random: RandomSource;
  /**
   * The installation's 32-byte draw key, kept outside the database (DRAW_KEY or its key file):
   * draws' secrets are derived from it, so a database reader cannot predict a pending draw.
   */
  drawKey: Uint8Array;
  /** The public randomness beacon (drand) draws commit to; absent on an offline installation. */
  beacon?: Beacon;
  /** PUBLIC_BASE_URL: the bot's public address, for links on cards (the manual in /help). */
  publicBaseUrl?: string;
  /** Spreadsheet files: the year's export, the register templates and the register files sent in. */
  spreadsheets: Spreadsheets;
  /** Stored files and the document renderer; absent where nothing is stored (a use case that needs them says so). */
  files?: AppFiles;
}

/** Evidence and issued documents, stored by SHA-256, and the .docx renderer. */
export interface AppFiles {
  evidence: EvidenceStore;
  documents: DocumentRenderer;
}

/** Where the request came from: the chat the command was typed in or the card was clicked in. */
export interface Origin {
  platform: Platform;
  chatId: string;
  kind: 'group' | 'direct';
}

export interface UseCaseContext {
  repos: Repos;
  env: AppEnv;
  actor: Person;
  origin: Origin;
  /** The delivery's key, unique per request: outbox keys of messages a request sends anew use it. */
  requestKey?: string;
  /** People @-mentioned in the command (platform account ids), when the platform reports them. */
  mentions?: Array<{ accountId: string; name: string }>;
}

/** What the person who acted sees at once; messages to others go through the outbox. */
export interface UseCaseResult {
  toast?: { kind: 'success' | 'info' | 'warning' | 'error'; text: string };
  /** The clicked card in its new state, or a card to show in reply to a command. */
  card?: CardView;
  /** A reply to a command, posted in the chat where it was typed. */
  reply?: OutgoingMessage;
}

export type AppErrorKind = 'permission' | 'invalid' | 'not_found';

/** A refusal with a Chinese message for the person; the transaction is rolled back. */
export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function todayOf(env: AppEnv): IsoDate {
  return shanghaiDate(env.clock.now());
}

export async function calendarOf(repos: Repos): Promise<WorkdayCalendar> {
  return createWorkdayCalendar(await repos.holidays.overrides());
}
