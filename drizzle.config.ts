import { defineConfig } from 'drizzle-kit';

/** Shared with the runtime client: both use snake_case column names. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
