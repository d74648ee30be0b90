import { defineConfig } from 'vitest/config';

/**
 * Test files that open a database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): the
 * SQL of the repositories, triggers, locks, concurrency, the scheduler's job runs, one whole
 * inspection on each database, the CLI and the Feishu runtime. Everything else is `unit` and
 * may not open one (test/support/test-db.ts refuses there): a new test that needs a database is
 * listed here.
 */
const NEEDS_DATABASE = [
  'test/db/*.test.ts',
  'test/db/contract/sql.test.ts',
  'test/jobs/{outbox-sender,prune-job,reminders-once,scheduler}.test.ts',
  'test/cli/*.test.ts',
  'test/bot/feishu/{bootstrap,delivery,evidence,lifecycle,reports,register-import}.test.ts',
  'test/bot/local/restart.test.ts',
  'test/bot/dingtalk/{bootstrap,inbox,lifecycle,platforms,register-import}.test.ts',
  'test/bot/feishu/{card-binding,inbox,outage}.test.ts',
  'test/bot/{hostile-input,hostile-bodies}.test.ts',
  'test/import/hostile-cells.test.ts',
  'test/web/{health,local-guard}.test.ts',
  'test/e2e/**/*.test.ts',
  // The Worker in wrangler dev: PostgreSQL through the Hyperdrive binding (no PGlite there).
  'test/worker/worker.test.ts',
];
const BROWSER = ['test/browser/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // `npm run test:unit`: the domain, the use cases on the in-memory store, import, rendering.
        // Not isolated: a worker keeps its imported modules from file to file (the import of
        // each file in a fresh process took three quarters of the run); no unit test keeps state
        // in a module.
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...NEEDS_DATABASE, ...BROWSER],
          isolate: false,
          env: { TEST_PROJECT: 'unit' },
        },
      },
      { extends: true, test: { name: 'db', include: NEEDS_DATABASE } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
