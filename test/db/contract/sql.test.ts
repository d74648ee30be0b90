import { databaseKinds } from '../../support/test-db';
import { describeStoreContract } from './contract';

for (const kind of databaseKinds()) describeStoreContract(kind);
