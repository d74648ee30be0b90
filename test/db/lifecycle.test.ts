/** One whole inspection through the local chat on each real database (the same suite runs on the in-memory store in test/app). */
import { describeLifecycle } from '../app/lifecycle.case';
import { databaseKinds } from '../support/test-db';

for (const kind of databaseKinds()) describeLifecycle(kind);
