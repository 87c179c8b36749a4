/**
 * Accounts: a name, a clearance and an argon2id password hash, kept in SQLite
 * in DATA_DIR so that every portal server sharing that folder sees the same
 * people. Login throttling lives here too, for the same reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { CLASSIFICATIONS } from '../schema/document.ts';
import { parseWithFriendlyErrors } from '../schema/validate.ts';
import type { Clearance } from './clearance.ts';

export interface Account {
  name: string;
  clearance: Clearance;
  created: string;
  /** When the password last changed: sessions from before then are no longer valid. */
  passwordChanged: number;
}

export const usernameSchema = z
  .string()
  .transform((name) => name.normalize('NFC').toLowerCase())
  .pipe(
    z.string().regex(/^[\p{L}\p{N}._@-]{1,64}$/u, {
      error: 'expected 1 to 64 letters, digits, ".", "_", "@" or "-"',
    }),
  );
export const clearanceSchema = z.enum(CLASSIFICATIONS);
export const passwordSchema = z
  .string()
  .min(10, { error: 'expected at least 10 characters' })
  .max(1024, { error: 'expected at most 1024 characters' });

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY, clearance TEXT NOT NULL, hash TEXT NOT NULL,
    created TEXT NOT NULL, password_changed INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last INTEGER NOT NULL);
`;

/** Verifying against this when the name is unknown makes both failures cost the same. */
let decoyHash: Promise<string> | undefined;

interface Row {
  name: string;
  clearance: Clearance;
  hash: string;
  created: string;
  password_changed: number;
}

export class AccountStore {
  readonly #db: DatabaseSync;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'accounts.sqlite');
    try {
      this.#db = new DatabaseSync(file);
      this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
      this.#db.exec(SCHEMA);
      fs.chmodSync(file, 0o600);
    } catch (cause) {
      throw new Error(`Failed to open the account store ${file}`, { cause });
    }
  }

  close(): void {
    this.#db.close();
  }

  /** Creates the account, or sets its password and clearance when it exists. */
  async put(name: string, password: string, clearance: Clearance): Promise<'created' | 'updated'> {
    const username = parseWithFriendlyErrors(usernameSchema, name, 'username');
    const secret = parseWithFriendlyErrors(passwordSchema, password, 'password');
    const existed = this.#row(username) !== undefined;
    const passwordHash = await hash(secret);
    this.#db
      .prepare(
        `INSERT INTO accounts (name, clearance, hash, created, password_changed) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET clearance = excluded.clearance, hash = excluded.hash,
           password_changed = excluded.password_changed`,
      )
      .run(username, clearance, passwordHash, new Date().toISOString(), Date.now());
    return existed ? 'updated' : 'created';
  }

  setClearance(name: string, clearance: Clearance): boolean {
    const username = parseWithFriendlyErrors(usernameSchema, name, 'username');
    return (
      Number(
        this.#db
          .prepare('UPDATE accounts SET clearance = ? WHERE name = ?')
          .run(clearance, username).changes,
      ) > 0
    );
  }

  remove(name: string): boolean {
    const username = parseWithFriendlyErrors(usernameSchema, name, 'username');
    return (
      Number(this.#db.prepare('DELETE FROM accounts WHERE name = ?').run(username).changes) > 0
    );
  }

  list(): Account[] {
    return (this.#db.prepare('SELECT * FROM accounts ORDER BY name').all() as unknown as Row[]).map(
      toAccount,
    );
  }

  get(name: string): Account | undefined {
    const parsed = usernameSchema.safeParse(name);
    const row = parsed.success ? this.#row(parsed.data) : undefined;
    return row ? toAccount(row) : undefined;
  }

  /** The account when the password is right; unknown names cost as much as wrong passwords. */
  async authenticate(name: string, password: string): Promise<Account | undefined> {
    const parsed = usernameSchema.safeParse(name);
    const row = parsed.success ? this.#row(parsed.data) : undefined;
    decoyHash ??= hash('not a password of anyone here');
    const stored = row?.hash ?? (await decoyHash);
    const ok = await verify(stored, password.slice(0, 1024));
    return ok && row ? toAccount(row) : undefined;
  }

  /** Failures recorded under `key` (an account or an address) and when the last one was. */
  failures(key: string): { failures: number; last: number } {
    const row = this.#db
      .prepare('SELECT failures, last FROM login_failures WHERE key = ?')
      .get(key) as { failures: number; last: number } | undefined;
    return row ?? { failures: 0, last: 0 };
  }

  recordFailure(key: string, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO login_failures (key, failures, last) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last = excluded.last`,
      )
      .run(key, now);
  }

  clearFailures(key: string): void {
    this.#db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
  }

  #row(username: string): Row | undefined {
    return this.#db.prepare('SELECT * FROM accounts WHERE name = ?').get(username) as
      Row | undefined;
  }
}

function toAccount(row: Row): Account {
  return {
    name: row.name,
    clearance: row.clearance,
    created: row.created,
    passwordChanged: row.password_changed,
  };
}
