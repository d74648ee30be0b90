import type { CardView } from '../views/card-view';

/**
 * Where a message goes, independent of the platform.
 * `platform` + `id` is the platform's own address (Feishu chat_id / open_id, DingTalk
 * openConversationId / staffId, local chat id / person id).
 */
export type Platform = 'local' | 'feishu' | 'dingtalk';
export interface ChatRef {
  kind: 'chat';
  platform: Platform;
  id: string;
}
export interface UserRef {
  kind: 'user';
  platform: Platform;
  id: string;
}
export type Recipient = ChatRef | UserRef;

/**
 * A file to send (a spreadsheet, a document): the name the recipient sees, its media type, and
 * its bytes in base64, so that an outbox row holds it as JSON and a retry sends the same bytes.
 */
export interface OutgoingFile {
  name: string;
  mediaType: string;
  base64: string;
}

/**
 * The largest file each platform lets a bot send (Feishu's file upload: 30 MB; DingTalk's media
 * upload: 20 MB). The local chat keeps files in its database and takes Feishu's figure.
 */
export const SENDABLE_FILE_BYTES: Record<Platform, number> = { feishu: 30 * 1024 * 1024, dingtalk: 20 * 1024 * 1024, local: 30 * 1024 * 1024 };

/** A file's size in bytes, from its base64 without decoding it. */
export function fileBytes(file: OutgoingFile): number {
  const padding = file.base64.endsWith('==') ? 2 : file.base64.endsWith('=') ? 1 : 0;
  return Math.floor((file.base64.length * 3) / 4) - padding;
}

/** A message to send; the adapter renders `card` in its own card format and uploads `file` as its platform does. */
export type OutgoingMessage = { type: 'text'; text: string } | { type: 'card'; card: CardView } | { type: 'file'; file: OutgoingFile };

/** A file a person sent, as the platform names it (see `Messenger.fetchFile`). */
export interface FileRef {
  name: string;
  key: string;
  messageId: string;
  /** A photo (Feishu `image` message, fetched with `type=image`) or any other file (default). */
  kind?: 'image' | 'file';
}

export interface SendResult {
  /** The platform's message id, kept so the card can be updated later. */
  messageId: string;
}

/**
 * The messenger port. Each adapter (feishu, dingtalk, local) implements it.
 * `idempotencyKey` is deterministic per outbox row, so a retried send is dropped by the
 * platform (Feishu `uuid`, kept 1 h) or by the adapter.
 */
export interface Messenger {
  readonly platform: Platform;
  /**
   * Whether sends are spaced to stay within the platform's rate limits (default true). The local
   * chat has no remote limits: pacing it made a simulated group answer at 4 messages a second.
   */
  readonly paced?: boolean;
  send(to: Recipient, message: OutgoingMessage, idempotencyKey: string): Promise<SendResult>;
  updateCard(messageId: string, card: CardView): Promise<void>;
  /**
   * The bytes of a file a person sent (where the platform can fetch it). Refuses with
   * PlatformRejectedError code `file_too_large` past `maxBytes`, without reading further.
   */
  fetchFile?(file: FileRef, maxBytes: number): Promise<Uint8Array>;
}

/** The refusal of a file larger than the caller accepts. */
export const FILE_TOO_LARGE = 'file_too_large';

/** Errors split by cause, as grammY does: the platform said no, or the network failed. */
export class PlatformRejectedError extends Error {
  constructor(
    message: string,
    readonly code: number | string,
    /** Seconds to wait before retrying, when the platform said so (rate limits). */
    readonly retryAfterSeconds?: number,
    readonly retryable = false,
    /**
     * `configuration`: the platform refuses our own credentials or set-up (e.g. Feishu 10014,
     * app secret invalid), whatever the message; administrators must fix a setting.
     */
    readonly kind: 'rejected' | 'configuration' = 'rejected',
  ) {
    super(message);
    this.name = 'PlatformRejectedError';
  }
}
export class NetworkError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}
