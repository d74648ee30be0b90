/**
 * The table of every chat command and card action. Adding a command is one entry here (in its
 * area's file) plus its use case; dispatch, `/help`, the chat policy, role refusals and button
 * names all follow from it.
 */
import { adminCommands } from './admin-commands';
import { drawActions, drawCommands } from './draw-commands';
import type { ActionEntry, CommandEntry } from './entry';
import { outboxActions, outboxCommands } from './outbox-commands';
import { planActions, planCommands } from './plan-commands';
import { progressCommands } from './progress-commands';
import { taskActions } from './task-actions';

export interface CommandTable {
  commands: readonly CommandEntry[];
  actions: readonly ActionEntry[];
}

const actions = [...drawActions, ...taskActions, ...outboxActions, ...planActions];

export const APP_TABLE: CommandTable = {
  commands: [...drawCommands, ...progressCommands, ...planCommands, ...adminCommands, ...outboxCommands],
  actions,
};

/** The name a card button may carry: one of the table's actions (checked when a view is compiled). */
export type ActionName = (typeof actions)[number]['name'];
