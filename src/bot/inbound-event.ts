import type { Platform } from '../app/ports/messenger';

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

/**
 * A photo or file a person sent to the bot, before its bytes are fetched: where to get them (a
 * Feishu message resource, or the local chat's message that carries them).
 */
export interface UploadRef {
  /** Unique per file sent, e.g. `feishu:om_…:img_…`; kept with the evidence. */
  source: string;
  kind: 'image' | 'file';
  /** The file's name when the platform gives one (files do, photos do not). */
  name?: string;
  feishu?: { messageId: string; fileKey: string };
  local?: { messageId: string };
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
  | { type: 'upload'; dedupeKey: string; actor: InboundActor; chat: InboundChat; upload: UploadRef }
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
