/**
 * Whether a Feishu chat id is a group or a p2p chat. Message events say so (`chat_type`); card
 * callbacks do not (`context.open_chat_id` only), yet the router and use cases compare
 * `chat.kind` (a draw may only start in a group; a group must be bound). So a click's chat is:
 * what a message from that chat said, else a group when it is a bound group, else a direct chat
 * (cards in groups are only ever sent to bound groups; task cards go by open_id to p2p chats).
 */
export interface FeishuChatKinds {
  /** Records the kind a message event reported. */
  remember(chatId: string, kind: 'group' | 'direct'): void;
  kindOf(chatId: string): Promise<'group' | 'direct'>;
}

/** `isBoundGroup` looks the chat up among bound chats; the memory keeps the latest `capacity` chats. */
export function createFeishuChatKinds(isBoundGroup: (chatId: string) => Promise<boolean>, capacity = 10_000): FeishuChatKinds {
  const seen = new Map<string, 'group' | 'direct'>();
  return {
    remember(chatId, kind) {
      seen.delete(chatId);
      seen.set(chatId, kind);
      if (seen.size > capacity) seen.delete(seen.keys().next().value!);
    },
    async kindOf(chatId) {
      return seen.get(chatId) ?? ((await isBoundGroup(chatId)) ? 'group' : 'direct');
    },
  };
}
