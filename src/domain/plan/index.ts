export type { PlanBatch, PlanContent, PlanTarget, TargetAmount } from './types';
export { readDocNo, looksLikeDocNo, docNoExample } from './doc-number';
export { targetCount, targetText, targetWord, formatPercent } from './targets';
export {
  batchLabel,
  batchLine,
  readBatchLines,
  readBatchWord,
  readTargetWord,
  readWindowWord,
  readCheckItems,
  checkItemsText,
  type TextResult,
} from './plan-text';
export { planProblems, type PlanField, type PlanProblem, MAX_BATCHES, MAX_TARGET_COUNT, MAX_TITLE_LENGTH } from './validate';
export { chooseBatch, checkDrawInBatch, defaultWindowIn, planLabel, batchText, type DrawWindow, type PlanFailure, type PlanFailureCode } from './draw-check';
export { planProgress, progressTotals, targetsMet, type ProgressRow, type TaskTally, type TargetsMet } from './progress';
