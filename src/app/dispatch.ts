import { ACTIONS } from './actions';
import { actionExtensions, findCommandExtension } from './commands/extensions';
import './commands/registered';
import { parseCommand } from './commands/parse-command';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from './use-case';
import { abandonDraw } from './use-cases/abandon-draw';
import { cancelDraw } from './use-cases/cancel-draw';
import { confirmTask } from './use-cases/confirm-task';
import { executeDraw } from './use-cases/execute-draw';
import { markPublished } from './use-cases/mark-published';
import { prepareDraw } from './use-cases/prepare-draw';
import { recuse } from './use-cases/recuse';
import { showFindingsForm, showInspectionPlan, showRecusalForm } from './use-cases/show-forms';
import { help, myTasks, status } from './use-cases/status';
import { submitFindings } from './use-cases/submit-findings';
import { verifyDraw } from './use-cases/verify-draw';

/** A typed command → its use case. Bad commands are answered with what was wrong and an example. */
export async function runCommand(ctx: UseCaseContext, text: string): Promise<UseCaseResult> {
  const extension = findCommandExtension(text);
  if (extension) return extension.ext.run(ctx, extension.args, text);
  const parsed = parseCommand(text, todayOf(ctx.env));
  switch (parsed.kind) {
    case 'draw':
      return prepareDraw(ctx, parsed);
    case 'status':
      return status(ctx);
    case 'tasks':
      return myTasks(ctx);
    case 'verify':
      return verifyDraw(ctx, parsed);
    case 'cancel':
      return cancelDraw(ctx, parsed);
    case 'help':
      return help();
    case 'invalid':
      throw new AppError('invalid', parsed.message);
    case 'unknown':
      throw new AppError('invalid', `没有看懂“${parsed.text.slice(0, 40)}”。发送 /help 查看可用命令，例如：/draw 冶金 建材 10家 每组2人 6月1日-6月30日`);
  }
}

type ActionHandler = (ctx: UseCaseContext, payload: Record<string, string>, values: Record<string, string>) => Promise<UseCaseResult>;

const ACTION_HANDLERS: Record<string, ActionHandler> = {
  [ACTIONS.executeDraw]: (ctx, p) => executeDraw(ctx, p),
  [ACTIONS.abandonDraw]: (ctx, p) => abandonDraw(ctx, p),
  [ACTIONS.confirmTask]: (ctx, p) => confirmTask(ctx, p),
  [ACTIONS.recusalForm]: (ctx, p) => showRecusalForm(ctx, p),
  [ACTIONS.recuse]: recuse,
  [ACTIONS.inspectionPlan]: (ctx, p) => showInspectionPlan(ctx, p),
  [ACTIONS.findingsForm]: (ctx, p) => showFindingsForm(ctx, p),
  [ACTIONS.submitFindings]: submitFindings,
  [ACTIONS.markPublished]: markPublished,
};

/** A button click or form submit → its use case. */
export function runAction(ctx: UseCaseContext, action: string, payload: Record<string, string>, values: Record<string, string>): Promise<UseCaseResult> {
  const handler = ACTION_HANDLERS[action] ?? actionExtensions.find((a) => a.action === action)?.run;
  if (!handler) throw new AppError('invalid', '这张卡片的按钮已失效，请发送 /tasks 获取最新任务卡。');
  return handler(ctx, payload, values);
}
