import type { IsoDate } from '../../domain/model';

export interface AuditInput {
  agencyId: number | null;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
}

/**
 * A head of the chain: how many entries it holds and the hash of the last one (the genesis hash,
 * 64 zeros, when it holds none). Any later chain that still has this head as a prefix has not
 * been rewritten up to it.
 */
export interface AuditHead {
  entryCount: number;
  hash: string;
}

/** A day's published head: the chain as it stood at the end of that day (Asia/Shanghai). */
export interface DailyHead extends AuditHead {
  day: IsoDate;
  recordedAt: Date;
}

/** 行政执法全过程记录: the append-only, hash-chained audit log. */
export interface AuditRepo {
  append(entry: AuditInput): Promise<void>;
  /** The chain's head now, as this transaction sees it (a draw record carries it). */
  head(): Promise<AuditHead>;
  /** The head as it stood before `end`: the last entry stamped before it. */
  headBefore(end: Date): Promise<AuditHead>;
  /** The published daily heads, oldest first. */
  dailyHeads(): Promise<DailyHead[]>;
  /** Records a day's head (append-only); false when that day has one already. */
  recordDailyHead(head: DailyHead): Promise<boolean>;
}
