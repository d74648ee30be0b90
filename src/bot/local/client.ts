import type { Messenger, OutgoingMessage, Recipient, SendResult } from '../../app/ports/messenger';
import type { CardView } from '../../app/views/card-view';

export interface LocalMessage {
  id: string;
  /** `group`, or `dm:<localId>` for a person's direct chat with the bot. */
  conversation: string;
  /** `bot`, or the localId of the person who typed it. */
  from: string;
  text?: string;
  card?: CardView;
  at: string;
  /** Bumped on every card update, so the page re-renders only what changed. */
  version: number;
}

/** Conversation of a recipient: a chat id as is; a user's direct chat as `dm:<id>`. */
export function conversationOf(to: Recipient): string {
  return to.kind === 'user' ? `dm:${to.id}` : to.id;
}

/**
 * The local messenger: keeps the conversations in memory for the simulator page. Sends with a
 * known idempotency key are dropped, as Feishu drops a repeated `uuid`.
 */
export class LocalMessenger implements Messenger {
  readonly platform = 'local' as const;
  private readonly messages: LocalMessage[] = [];
  private readonly byKey = new Map<string, string>();
  private seq = 0;
  private changes = 0;
  /**
   * Message ids are `m<run>-<n>`: a typed message's id is its inbound dedupe key, and those are
   * kept in the database, so ids from a previous run must not come back (after a restart the
   * first messages typed were taken for repeats and silently ignored).
   */
  private readonly run: string;

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly limit = 2000,
  ) {
    this.run = crypto.randomUUID().slice(0, 8);
  }

  async send(to: Recipient, message: OutgoingMessage, idempotencyKey: string): Promise<SendResult> {
    const known = this.byKey.get(idempotencyKey);
    if (known) return { messageId: known };
    const id = this.add({ conversation: conversationOf(to), from: 'bot', ...(message.type === 'text' ? { text: message.text } : { card: message.card }) });
    this.byKey.set(idempotencyKey, id);
    return { messageId: id };
  }

  async updateCard(messageId: string, card: CardView): Promise<void> {
    const m = this.messages.find((x) => x.id === messageId);
    if (!m) throw new Error(`local message ${messageId} not found`);
    m.card = card;
    m.version++;
    this.changes++;
  }

  /** A message a person typed in the simulator. */
  addUserMessage(conversation: string, from: string, text: string): LocalMessage {
    const id = this.add({ conversation, from, text });
    return this.messages.find((m) => m.id === id)!;
  }

  find(messageId: string): LocalMessage | undefined {
    return this.messages.find((m) => m.id === messageId);
  }

  conversation(name: string): LocalMessage[] {
    return this.messages.filter((m) => m.conversation === name);
  }

  /** Changes so far; the page polls it to know when to re-render. */
  get revision(): number {
    return this.changes;
  }

  private add(m: Omit<LocalMessage, 'id' | 'at' | 'version'>): string {
    const id = `m${this.run}-${++this.seq}`;
    this.messages.push({ ...m, id, at: this.now().toISOString(), version: 1 });
    if (this.messages.length > this.limit) this.messages.splice(0, this.messages.length - this.limit);
    this.changes++;
    return id;
  }
}
