export interface AuditInput {
  agencyId: number | null;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
}

/** 行政执法全过程记录: the append-only, hash-chained audit log. */
export interface AuditRepo {
  append(entry: AuditInput): Promise<void>;
}
