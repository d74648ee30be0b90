import { systemClock } from '../../src/app/ports/clock';
import { fixedRandom } from '../../src/app/ports/random';
import type { Platform } from '../../src/app/ports/messenger';
import type { Store } from '../../src/app/ports/store';
import { bindChatToAgency } from '../../src/app/use-cases/bind-chat';
import { linkPersonAccount } from '../../src/app/use-cases/link-account';
import { TEST_DRAW_KEY } from './draw-key';
import { spreadsheetWriter } from '../../src/export/workbook';

/** What `npm run cli -- accounts link` does: the chat's use case, run by the CLI operator of an agency. */
export async function linkFromCli(store: Store, agencyId: number, input: { platform: Platform; person: string; account: string }): Promise<void> {
  await store.transaction((repos) =>
    linkPersonAccount(
      {
        repos,
        env: { clock: systemClock, random: fixedRandom(1), drawKey: TEST_DRAW_KEY, spreadsheets: spreadsheetWriter },
        operator: { kind: 'cli', agencyId },
      },
      { platform: input.platform, personKey: input.person, account: { accountId: input.account } },
    ),
  );
}

/** What `npm run cli -- chats bind` does. */
export async function bindFromCli(store: Store, agencyId: number, input: { platform: Platform; chat: string }): Promise<void> {
  await store.transaction((repos) =>
    bindChatToAgency(
      {
        repos,
        env: { clock: systemClock, random: fixedRandom(1), drawKey: TEST_DRAW_KEY, spreadsheets: spreadsheetWriter },
        operator: { kind: 'cli', agencyId },
      },
      { platform: input.platform, chatId: input.chat },
    ),
  );
}
