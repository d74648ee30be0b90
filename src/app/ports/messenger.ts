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

/** A message to send; the adapter renders `card` in its own card format and uploads `file` as its platform does. */
export type OutgoingMessage = { type: 'text'; text: string } | { type: 'card'; card: CardView } | { type: 'file'; file: OutgoingFile };

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
}

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
