/** Pending draws on each real database, where two preparations at the same moment line up on a row lock. */
import { describePendingDraw } from '../app/pending-draw.case';
import { databaseKinds } from '../support/test-db';

for (const kind of databaseKinds()) describePendingDraw(kind);
