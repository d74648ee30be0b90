import type { LocalHistory, LocalMessage, NewLocalMessage } from '../../app/ports/local-history';
import { memoryLocalHistory } from '../../app/ports/local-history';
import {
  FILE_TOO_LARGE,
  type FileRef,
  type Messenger,
  type OutgoingFile,
  type OutgoingMessage,
  PlatformRejectedError,
  type Recipient,
  type SendResult,
} from '../../app/ports/messenger';
import type { CardView } from '../../app/views/card-view';

export type { LocalMessage } from '../../app/ports/local-history';

/** Conversation of a recipient: a chat id as is; a user's direct chat as `dm:<id>`. */
export function conversationOf(to: Recipient): string {
  return to.kind === 'user' ? `dm:${to.id}` : to.id;
}

/**
 * The local messenger: the simulator page's conversations, written through to a
 * {@link LocalHistory} (the database) and mirrored in memory so the page's 1 s poll and the
 * tests read them without a query. The history is the truth: on start the newest `limit`
 * messages are loaded back, so a restart loses nothing the page showed. Sends with a known
 * idempotency key are dropped, as Feishu drops a repeated `uuid`.
 *
 * Writes are serialised, so the mirror keeps the history's order. One process per history:
 * a second instance on the same database would not see the first one's new messages.
 */
export class LocalMessenger implements Messenger {
  readonly platform = 'local' as const;
  /** Written to our own database: no platform's rate limits to respect. */
  readonly paced = false;
  private readonly messages: LocalMessage[] = [];
  private changes = 0;
  private writes: Promise<unknown> = Promise.resolve();
  /** Distinguishes this run's revisions from the last run's, so a page open across a restart redraws. */
  private readonly run = crypto.randomUUID().slice(0, 8);

  private constructor(
    private readonly history: LocalHistory,
    private readonly now: () => Date,
    private readonly limit: number,
  ) {}

  /** The messenger with the newest `limit` messages of `history` loaded back. */
  static async open(history: LocalHistory = memoryLocalHistory(), now: () => Date = () => new Date(), limit = 2000): Promise<LocalMessenger> {
    const m = new LocalMessenger(history, now, limit);
    m.messages.push(...(await history.recent(limit)));
    return m;
  }

  async send(to: Recipient, message: OutgoingMessage, idempotencyKey: string): Promise<SendResult> {
    const body = message.type === 'text' ? { text: message.text } : message.type === 'file' ? { file: message.file } : { card: message.card };
    const stored = await this.add({ conversation: conversationOf(to), from: 'bot', ...body }, idempotencyKey);
    return { messageId: stored.id };
  }

  async updateCard(messageId: string, card: CardView): Promise<void> {
    await this.serially(async () => {
      const version = await this.history.updateCard(messageId, card);
      if (version === undefined) throw new Error(`local message ${messageId} not found`);
      const m = this.find(messageId);
      if (m) Object.assign(m, { card, version });
      this.changes++;
    });
  }

  /** A message a person typed in the simulator. */
  /**
   * What a person typed, as the page shows it. A NUL or half a surrogate pair cannot be stored
   * (PostgreSQL text refuses them): they are shown as U+FFFD, and the router answers the message
   * itself in Chinese.
   */
  addUserMessage(conversation: string, from: string, text: string): Promise<LocalMessage> {
    return this.add({ conversation: storable(conversation), from: storable(from), text: storable(text) });
  }

  /** A file the bot sent or a person uploaded (the page's download link), with its bytes. */
  file(messageId: string): Promise<OutgoingFile | undefined> {
    return this.history.file(messageId);
  }

  /** A file uploaded in the simulator, by its message (the upload's message id is its key). */
  async fetchFile(file: FileRef, maxBytes: number): Promise<Uint8Array> {
    const info = this.find(file.messageId)?.file;
    if (info && info.size > maxBytes) throw new PlatformRejectedError(`local file ${info.name} is over ${maxBytes} bytes`, FILE_TOO_LARGE);
    const stored = await this.history.file(file.messageId);
    if (!stored) throw new PlatformRejectedError(`local message ${file.messageId} has no file`, 'no_file');
    const bytes = Uint8Array.from(atob(stored.base64), (c) => c.charCodeAt(0));
    if (bytes.byteLength > maxBytes) throw new PlatformRejectedError(`local file ${stored.name} is over ${maxBytes} bytes`, FILE_TOO_LARGE);
    return bytes;
  }

  /** A file a person uploaded in the simulator, shown in the conversation as a file message. */
  addUserFile(conversation: string, from: string, file: { name: string; mediaType: string; data: Uint8Array }): Promise<LocalMessage> {
    return this.add({
      conversation: storable(conversation),
      from: storable(from),
      file: { name: storable(file.name), mediaType: file.mediaType, base64: toBase64(file.data) },
    });
  }

  find(messageId: string): LocalMessage | undefined {
    return this.messages.find((m) => m.id === messageId);
  }

  conversation(name: string): LocalMessage[] {
    return this.messages.filter((m) => m.conversation === name);
  }

  /** Changes so far in this run; the page polls it to know when to re-render. */
  get revision(): string {
    return `${this.run}:${this.changes}`;
  }

  private add(m: Omit<NewLocalMessage, 'at'>, idempotencyKey?: string): Promise<LocalMessage> {
    return this.serially(async () => {
      const stored = await this.history.append({ ...m, at: this.now().toISOString() }, idempotencyKey);
      if (this.find(stored.id)) return stored; // a repeated send: already shown
      this.messages.push(stored);
      if (this.messages.length > this.limit) this.messages.splice(0, this.messages.length - this.limit);
      this.changes++;
      return stored;
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

/** Text that any database can store: NULs and unpaired surrogates replaced by U+FFFD. */
function storable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is what is replaced
  return text.replace(/\u0000|\p{Cs}/gu, '\ufffd');
}

/** Base64 of bytes, without Buffer (this file is bundled for Workers too). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
