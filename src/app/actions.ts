/** Names of card actions; a button's `action` and the router's dispatch key. */
export const ACTIONS = {
  executeDraw: 'draw.execute',
  abandonDraw: 'draw.abandon',
  confirmTask: 'task.confirm',
  recusalForm: 'task.recusal_form',
  recuse: 'task.recuse',
  inspectionPlan: 'task.plan',
  findingsForm: 'task.findings_form',
  submitFindings: 'task.findings',
  markPublished: 'task.publish',
} as const;

export type ActionName = (typeof ACTIONS)[keyof typeof ACTIONS];
