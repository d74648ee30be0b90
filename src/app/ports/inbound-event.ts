import type { Platform } from './messenger';

/**
 * A platform delivery, normalized. Every messenger adapter turns its payload into this,
 * and the router hands it to the use cases.
 */
export interface InboundActor {
  platform: Platform;
  /** Platform account id (Feishu open_id, DingTalk staffId, local person id). */
  accountId: string;
  displayName?: string;
}

export interface InboundChat {
  platform: Platform;
  id: string;
  kind: 'group' | 'direct';
}

/** Someone @-mentioned in a command (never the bot itself), e.g. the person of `/link 证号 @某人`. */
export interface InboundMention {
  /** Platform account id (Feishu open_id). */
  accountId: string;
  name: string;
}

/** A file a person sent (Feishu `file` message, a local upload): where the platform keeps it. */
export interface InboundFile {
  name: string;
  /** The platform's key of the file in its message (Feishu `file_key`). */
  key: string;
  /** The message that carries it (Feishu `message_id`): the file is fetched through it. */
  messageId: string;
  /** A photo (Feishu `image` message: no name of its own) or any other file (default). */
  kind?: 'image' | 'file';
}

export type InboundEvent =
  | {
      type: 'command';
      dedupeKey: string;
      actor: InboundActor;
      chat: InboundChat;
      text: string;
      mentions?: InboundMention[];
      /** When the person sent it, by the platform's clock: the replies in a chat follow this order. */
      sentAt?: Date;
    }
  | { type: 'file'; dedupeKey: string; actor: InboundActor; chat: InboundChat; file: InboundFile; sentAt?: Date }
  | { type: 'action'; dedupeKey: string; actor: InboundActor; chat: InboundChat; action: string; payload: Record<string, string>; messageId?: string }
  | {
      type: 'form';
      dedupeKey: string;
      actor: InboundActor;
      chat: InboundChat;
      action: string;
      payload: Record<string, string>;
      values: Record<string, string>;
      messageId?: string;
    };
