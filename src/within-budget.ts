/** What {@link withinBudget} gives when the work did not finish in time. */
export const TIMED_OUT = Symbol('timed out');

/**
 * The outcome of `pending` if it settles within `ms`, else {@link TIMED_OUT} (the work goes on).
 * For waits with a deadline: a card callback answered within the platform's (Feishu 3 s), with
 * the card when it is ready, else a notice and the card later; a shutdown's grace period.
 */
export async function withinBudget<T>(pending: Promise<T>, ms: number): Promise<{ reply: T } | { error: unknown } | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const first = await Promise.race([
    pending.then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    ),
    new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), ms);
    }),
  ]);
  clearTimeout(timer);
  return first;
}
