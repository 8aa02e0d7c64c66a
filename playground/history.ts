/**
 * The playground's history: every run (operation, params without secrets, result, status, duration,
 * target) in an embedded SQLite database, one file, so a permalink outlives the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A run to keep. Its params never hold a credential or a secret param (host.ts removes them). */
export interface NewRun {
  operation: string;
  params: Record<string, unknown>;
  /** The block's "Wait for Completion" switch, when the page set it. */
  wait?: boolean;
  /** `success`, or the error code. */
  status: string;
  durationMs: number;
  /** Where it ran: "sandbox", "acme.zendesk.com". */
  target: string;
  result: unknown;
}

export interface RunRecord extends NewRun {
  id: number;
  /** ISO 8601, UTC. */
  createdAt: string;
}

export type RunSummary = Omit<RunRecord, 'params' | 'result' | 'wait'>;

interface Row {
  id: number;
  created_at: string;
  operation: string;
  params: string;
  wait: number | null;
  status: string;
  duration_ms: number;
  target: string;
  result: string;
}

const SCHEMA_VERSION = 1;

export class RunHistory {
  private readonly db: Database.Database;

  /** Opens (or creates) the database file, and its folder. */
  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`${file} was written by a newer zendesk-blocks (history schema ${version}); use another --db.`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        operation TEXT NOT NULL,
        params TEXT NOT NULL,
        wait INTEGER,
        status TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        target TEXT NOT NULL,
        result TEXT NOT NULL
      );
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
  }

  add(run: NewRun): number {
    const info = this.db
      .prepare('INSERT INTO runs (created_at, operation, params, wait, status, duration_ms, target, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), run.operation, JSON.stringify(run.params), run.wait === undefined ? null : Number(run.wait), run.status, run.durationMs, run.target, JSON.stringify(run.result));
    return Number(info.lastInsertRowid);
  }

  get(id: number): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at,
      operation: row.operation,
      params: JSON.parse(row.params),
      ...(row.wait === null ? {} : { wait: row.wait === 1 }),
      status: row.status,
      durationMs: row.duration_ms,
      target: row.target,
      result: JSON.parse(row.result),
    };
  }

  /** The latest runs first. */
  list(limit = 100): RunSummary[] {
    const rows = this.db.prepare('SELECT id, created_at, operation, status, duration_ms, target FROM runs ORDER BY id DESC LIMIT ?').all(limit) as Row[];
    return rows.map((row) => ({ id: row.id, createdAt: row.created_at, operation: row.operation, status: row.status, durationMs: row.duration_ms, target: row.target }));
  }

  close(): void {
    this.db.close();
  }
}
