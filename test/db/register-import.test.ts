/** Registers from the chat on each real database: the double click on 确认导入 meets a row lock there. */
import { describeRegisterImport } from '../app/register-import.case';
import { databaseKinds } from '../support/test-db';

for (const kind of databaseKinds()) describeRegisterImport(kind);
