import type { Messenger, OutgoingMessage, Recipient, SendResult } from '../../src/app/ports/messenger';
import type { CardView } from '../../src/app/views/card-view';

export interface FakeSend {
  to: Recipient;
  message: OutgoingMessage;
  key: string;
  at: number;
}

/** Records every send call (no dedupe: a second send of the same message shows up as two). */
export class FakeMessenger implements Messenger {
  readonly platform = 'local' as const;
  readonly sends: FakeSend[] = [];
  constructor(private readonly now: () => number = () => performance.now()) {}

  async send(to: Recipient, message: OutgoingMessage, key: string): Promise<SendResult> {
    this.sends.push({ to, message, key, at: this.now() });
    return { messageId: `fake-${this.sends.length}` };
  }

  async updateCard(_messageId: string, _card: CardView): Promise<void> {}

  /** Recipients of the digest cards of `day`, one entry per send. */
  digestRecipients(day: string): string[] {
    return this.sends
      .filter((s) => s.message.type === 'card' && s.message.card.key.startsWith(`digest:${day}`))
      .map((s) => s.to.id)
      .sort();
  }
}
