/**
 * Chat commands and card actions of the reminders area:
 * `/remind` (leader: send today's digests now), `/deadlines` (my deadlines),
 * `/holidays` (holiday schedule: show, or import as an administrator), and the 复查 button.
 */
import { importHolidays } from '../use-cases/import-holidays';
import { myDeadlines } from '../use-cases/my-deadlines';
import { recordRecheck } from '../use-cases/record-recheck';
import { remindNow } from '../use-cases/send-reminders';
import { RECHECK_ACTION } from '../views/reminder-cards';
import { registerActions, registerCommands } from './extensions';

/** The text after the command word, line breaks kept (a pasted holiday file). */
function bodyOf(text: string): string {
  return text.replace(/^\s*\S+/, '').trim();
}

registerCommands(
  { words: ['remind', '提醒'], help: '/remind 立即发送今日提醒（局领导；已发送的不会重复）', run: (ctx) => remindNow(ctx) },
  { words: ['deadlines', '期限'], help: '/deadlines 查看我的全部期限（确认、检查、公示、复查）', run: (ctx) => myDeadlines(ctx) },
  {
    words: ['holidays', '节假日'],
    help: '/holidays 查看或录入国务院放假调休安排（录入限管理员）',
    run: (ctx, _args, text) => importHolidays(ctx, bodyOf(text)),
  },
);

registerActions({ action: RECHECK_ACTION, run: (ctx, payload) => recordRecheck(ctx, payload) });
