import type { PlanTarget, TargetAmount } from './types';

/**
 * The number of enterprises a target asks for. A percentage is of the industry's eligible
 * directory and rounded up (“抽查比例不低于 5%”: 5% of 21 enterprises is 2, not 1), in integer
 * arithmetic on hundredths of a percent, so 5% of 20 is exactly 1.
 */
export function targetCount(amount: TargetAmount, eligible: number): number {
  if (amount.kind === 'count') return amount.value;
  const hundredths = Math.round(amount.value * 100);
  const total = 10_000;
  return Math.floor((eligible * hundredths + total - 1) / total);
}

/** `机械 5 家` or `建材 10%`. */
export function targetText(t: PlanTarget): string {
  return t.amount.kind === 'count' ? `${t.industry} ${t.amount.value} 家` : `${t.industry} ${formatPercent(t.amount.value)}`;
}

/** `10%`, `2.5%`. */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100) / 100}%`;
}

/** The form the batch text and `/draw` use: `机械5家`, `建材10%`. */
export function targetWord(t: PlanTarget): string {
  return t.amount.kind === 'count' ? `${t.industry}${t.amount.value}家` : `${t.industry}${formatPercent(t.amount.value)}`;
}
