/**
 * The contract of the store ports (src/app/ports/store.ts), as Hono runs one router suite
 * against every router: each case file describes one aggregate, and every implementation runs
 * them all (memory.test.ts on the in-memory store, sql.test.ts on PGlite and PostgreSQL).
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { accountCases } from './accounts.case';
import { auditCases } from './audit.case';
import { directoryCases } from './directory.case';
import { drawCases } from './draws.case';
import { openHarness, START, type Harness, type ImplementationKind } from './harness';
import { holidayCases } from './holidays.case';
import { lotCases } from './lot.case';
import { messagingCases } from './messaging.case';
import { outboxQueueCases } from './outbox-queue.case';
import { publicRecordCases } from './public-record.case';
import { reportCases } from './reports.case';
import { recusalCases } from './recusals.case';
import { recordCases } from './records.case';
import { planCases } from './plans.case';
import { registerCases } from './registers.case';
import { reminderCases } from './reminders.case';
import { taskCases } from './tasks.case';
import { transactionCases } from './transaction.case';

export function describeStoreContract(kind: ImplementationKind): void {
  describe(`store contract [${kind}]`, () => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await openHarness(kind);
    });
    afterAll(() => harness?.close());
    beforeEach(() => harness.clock.set(START));
    const h = () => harness;
    transactionCases(h);
    directoryCases(h);
    lotCases(h);
    drawCases(h);
    planCases(h);
    taskCases(h);
    recusalCases(h);
    accountCases(h);
    auditCases(h);
    holidayCases(h);
    messagingCases(h);
    outboxQueueCases(h);
    reminderCases(h);
    publicRecordCases(h);
    reportCases(h);
    recordCases(h);
    registerCases(h);
  });
}
