import type { Logger } from '../../logger';

export interface BotIdentity {
  /** Reads the bot's identity now (at start). */
  start(): void;
  /**
   * The bot's own open_id, or undefined while it is not known; asking while it is unknown tries
   * again, at most once per `retryMs`, so a failure at start (network, token) heals by itself.
   */
  openId(): string | undefined;
  /** Settles when the read in progress (if any) has: a Worker keeps its invocation alive until then. */
  settled(): Promise<void>;
}

/**
 * The bot's identity (`bot/v3/info`), which tells a mention of this bot from one of another bot
 * in the same group. While it is unknown, group messages are matched by Feishu's
 * `mentioned_type` instead (so none is ignored), and each message asks for it again.
 */
export function createBotIdentity(
  fetchInfo: () => Promise<{ openId: string; name: string }>,
  logger: Pick<Logger, 'info' | 'warn'>,
  now: () => number,
  retryMs = 60_000,
): BotIdentity {
  let known: string | undefined;
  let lastTry = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;
  const attempt = () => {
    lastTry = now();
    pending = fetchInfo().then(
      (info) => {
        known = info.openId;
        pending = undefined;
        logger.info(`feishu bot: ${info.name} (${info.openId})`);
      },
      (error: unknown) => {
        pending = undefined;
        logger.warn('feishu: could not read the bot info; group messages are matched by mention type until it is read', { error });
      },
    );
  };
  return {
    start: attempt,
    openId() {
      if (known === undefined && !pending && now() - lastTry >= retryMs) attempt();
      return known;
    },
    settled: async () => {
      await pending;
    },
  };
}
