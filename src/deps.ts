import type { Hono } from 'hono';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import type { Logger } from './logger';
import { createApp } from './server';
import { VERSION } from './version';

export interface NodeRuntime {
  app: Hono;
  database: Database;
  startupNotes(baseUrl: string): string[];
  stop(): Promise<void>;
}

/** The one place that wires concrete adapters into the ports, for the Node entry point. */
export async function buildNodeRuntime(config: Config, logger: Logger): Promise<NodeRuntime> {
  const database = await openDatabase(config);
  logger.info(`database: ${database.driver} at ${database.location} (migrations applied)`);
  const app = createApp({
    logger,
    health: { ping: () => database.ping(), driver: database.driver, version: VERSION },
  });
  return {
    app,
    database,
    startupNotes: () => [
      `data: ${database.driver === 'pglite' ? `embedded PGlite in ${database.location}` : `PostgreSQL ${database.location}`}`,
      `messengers: ${config.feishu ? `feishu (${config.feishu.mode})` : 'none configured'}`,
    ],
    stop: async () => {
      await database.close();
    },
  };
}
