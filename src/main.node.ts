import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { buildNodeRuntime } from './deps';
import { limitHeapGrowth } from './heap-growth';
import { createLogger } from './logger';

/** `npm start`: the bot on Node, on PGlite in DATA_DIR or on PostgreSQL when DATABASE_URL is set. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  logger.info(limitHeapGrowth(config.heapGrowingPercent));
  let runtime: Awaited<ReturnType<typeof buildNodeRuntime>>;
  try {
    runtime = await buildNodeRuntime(config, logger);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      logger.error(error.message, { dataDir: error.dataDir, pid: error.holderPid });
      process.exit(1);
    }
    throw error;
  }
  const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
    const base = `http://localhost:${info.port}`;
    logger.info(`listening on ${base}`, { health: `${base}/healthz` });
    for (const line of runtime.startupNotes(base)) logger.info(line);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    server.close();
    await runtime.stop();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
