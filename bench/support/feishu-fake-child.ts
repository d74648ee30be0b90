/**
 * The fake Feishu Open API of `npm run bench -- webhook`, in a process of its own: the real
 * platform is not on the bot's CPU, and the fake keeps every call it gets, which is not the bot's
 * memory either. Prints `fake <url> <appId> <appSecret>` when listening.
 */
import { startFakeFeishuServer } from '../../test/fakes/feishu-server';

const fake = await startFakeFeishuServer({ perReceiverQps: 1_000_000, appQps: 1_000_000 });
// Nothing reads what it recorded: keep it from growing for the whole run.
setInterval(() => {
  fake.calls.length = 0;
  fake.deliveries.length = 0;
}, 1000).unref();
process.stdout.write(`fake ${fake.url} ${fake.appId} ${fake.appSecret}\n`);
process.once('SIGTERM', () => process.exit(0));
