/**
 * Creates and migrates a PGlite folder, then exits: the webhook benchmark's server then starts on
 * an existing folder, as `npm start` does on every start but the first.
 */
import { openPglite } from '../../src/db/client';

const database = await openPglite(process.argv[2]!);
await database.close();
process.stdout.write('ready\n');
