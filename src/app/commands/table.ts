/**
 * The table of every chat command and card action. Adding a command is one entry here (in its
 * area's file) plus its use case; dispatch, `/help`, the chat policy, role refusals and button
 * names all follow from it.
 */
import { adminCommands } from './admin-commands';
import { drawActions, drawCommands } from './draw-commands';
import type { ActionEntry, CommandEntry, UploadEntry } from './entry';
import { outboxActions, outboxCommands } from './outbox-commands';
import { planActions, planCommands } from './plan-commands';
import { progressCommands } from './progress-commands';
import { recusalActions, recusalCommands } from './recusal-commands';
import { registerActions, registerCommands, registerUpload } from './register-commands';
import { reportCommands } from './report-commands';
import { evidenceUpload, taskActions } from './task-actions';

export interface CommandTable {
  commands: readonly CommandEntry[];
  actions: readonly ActionEntry[];
  /** What a file sent to the bot does, the first entry that claims it (none: files are answered with a short explanation). */
  uploads?: readonly UploadEntry[];
}

const actions = [...drawActions, ...taskActions, ...recusalActions, ...outboxActions, ...planActions, ...registerActions];

export const APP_TABLE: CommandTable = {
  commands: [
    ...drawCommands,
    ...progressCommands,
    ...planCommands,
    ...recusalCommands,
    ...reportCommands,
    ...adminCommands,
    ...registerCommands,
    ...outboxCommands,
  ],
  actions,
  uploads: [evidenceUpload, registerUpload],
};

/** The name a card button may carry: one of the table's actions (checked when a view is compiled). */
export type ActionName = (typeof actions)[number]['name'];
