import { emptyTables, type KeyOf, type ReadonlyTables, type RowOf, type SerialTable, type TableName, type Tables } from './tables';

/**
 * The in-memory database: committed tables, sequences, and transactions that run one at a
 * time (as the serialized database does). A transaction copies a table the first time it
 * writes to it (copy-on-write; rows are frozen and shared) and swaps its copies in when its work
 * returns, so a thrown error leaves the committed tables exactly as they were. Sequences are
 * not rolled back, as PostgreSQL's are not: an id taken by a failed transaction is not reused.
 */
export class MemoryDatabase {
  private state: Tables = emptyTables();
  private readonly sequences = new Map<SerialTable, number>();
  private tail: Promise<unknown> = Promise.resolve();

  /** The committed tables, for reads outside a transaction (never an uncommitted write). */
  get committed(): ReadonlyTables {
    return this.state;
  }

  /** The next id of a serial column. */
  nextId(table: SerialTable): number {
    const id = (this.sequences.get(table) ?? 0) + 1;
    this.sequences.set(table, id);
    return id;
  }

  /** Runs `work` alone, after every transaction begun before it; commits when it returns, rolls back when it throws. */
  transaction<T>(work: (tx: MemoryTx) => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      const tx = new MemoryTx(this.state, this);
      try {
        const result = await work(tx);
        this.state = tx.commit();
        return result;
      } finally {
        tx.end();
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** One transaction's view of the tables. */
export class MemoryTx {
  private readonly copies: Partial<Tables> = {};
  private ended = false;

  constructor(
    private readonly base: Tables,
    private readonly db: MemoryDatabase,
  ) {}

  /** A table as this transaction sees it (its own writes included). */
  read<K extends TableName>(name: K): ReadonlyMap<KeyOf<K>, Readonly<RowOf<K>>> {
    this.check();
    return (this.copies[name] ?? this.base[name]) as unknown as ReadonlyMap<KeyOf<K>, Readonly<RowOf<K>>>;
  }

  /** Stores a row (frozen: replace it to change it). */
  put<K extends TableName>(name: K, key: KeyOf<K>, row: RowOf<K>): void {
    this.table(name).set(key, Object.freeze(row) as RowOf<K>);
  }

  delete<K extends TableName>(name: K, key: KeyOf<K>): void {
    this.table(name).delete(key);
  }

  nextId(table: SerialTable): number {
    this.check();
    return this.db.nextId(table);
  }

  /** The tables with this transaction's writes, for the database to keep. */
  commit(): Tables {
    this.check();
    return { ...this.base, ...this.copies };
  }

  /** After commit or rollback: a repository kept past its transaction fails instead of writing into nothing. */
  end(): void {
    this.ended = true;
  }

  private table<K extends TableName>(name: K): Map<KeyOf<K>, RowOf<K>> {
    this.check();
    let copy = this.copies[name];
    if (copy === undefined) {
      copy = new Map(this.base[name] as Map<unknown, unknown>) as Tables[K];
      this.copies[name] = copy;
    }
    return copy as unknown as Map<KeyOf<K>, RowOf<K>>;
  }

  private check(): void {
    if (this.ended) throw new Error('the transaction has ended: repositories are valid only inside Store.transaction');
  }
}
