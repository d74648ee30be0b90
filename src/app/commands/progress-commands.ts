/** Progress and deadlines: `/status`, `/tasks`, `/deadlines`, `/remind`. */
import { myDeadlines } from '../use-cases/my-deadlines';
import { remindNow } from '../use-cases/send-reminders';
import { listTasks } from '../use-cases/list-tasks';
import { status } from '../use-cases/status';
import { command, noArguments } from './entry';
import { parseTaskFilter } from './parse-task-filter';

export const progressCommands = [
  command({
    words: ['status', '进度'],
    help: { usage: '/status', summary: '查看进度' },
    places: ['group', 'direct'],
    permission: { roles: ['leader', 'admin'], does: '查看全局进度' },
    parse: noArguments,
    run: status,
  }),
  command({
    words: ['tasks', '我的任务', '任务'],
    help: { usage: '/tasks', summary: '我的任务卡（局领导、管理员：全部任务，可按抽取、状态、行业、人员筛选）' },
    places: ['group', 'direct'],
    parse: ({ body }) => parseTaskFilter(body),
    run: listTasks,
  }),
  command({
    words: ['deadlines', '期限'],
    help: { usage: '/deadlines', summary: '查看我的全部期限（确认、检查、公示、复查）' },
    places: ['group', 'direct'],
    parse: noArguments,
    run: myDeadlines,
  }),
  command({
    words: ['remind', '提醒'],
    help: { usage: '/remind', summary: '立即发送今日提醒（已发送的不会重复）' },
    places: ['group', 'direct'],
    permission: { roles: ['leader', 'admin'], does: '立即发送今日提醒' },
    parse: noArguments,
    run: remindNow,
  }),
];
