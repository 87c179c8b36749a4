/**
 * What every audit chain shares, wherever its lines are kept: the record, its
 * hash, and the head that says where the chain ends (so that cutting lines off
 * the end is detected too).
 */
import { createHash } from 'node:crypto';
import type { Classification } from '../schema/document.ts';
import { VankhoError } from '../errors.ts';

export type AuditEvent =
  | 'view'
  | 'download'
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'account'
  // A BagIt package handed records out: its clearance and how many documents went in.
  | 'bag'
  // An archivist withdrew a document: who, which, why.
  | 'withdraw'
  // A scheduled declassification was applied: which document, from and to which level.
  | 'declassify';

export interface AuditFields {
  event: AuditEvent;
  /** The account name as typed or logged in; undefined for anonymous visitors. */
  user?: string | undefined;
  address?: string | undefined;
  document?: string | undefined;
  /** Why, for a withdrawal. */
  reason?: string | undefined;
  classification?: Classification | undefined;
  outcome:
    | 'allowed'
    | 'refused'
    | 'success'
    | 'failure'
    | 'throttled'
    | 'created'
    | 'updated'
    | 'removed'
    | 'clearance-changed'
    | 'withdrawn'
    | 'declassified';
  /** For account changes: the clearance the account has now. */
  clearance?: Classification | undefined;
  /** For refusals of anonymous visitors, counted per document: how many since `since`. */
  count?: number | undefined;
  since?: string | undefined;
}

export interface AuditRecord extends AuditFields {
  seq: number;
  time: string;
  prev: string;
  hash: string;
}

/** The trail could not be written or does not match its head: restricted access stops. */
export class AuditUnavailableError extends VankhoError {
  override name = 'AuditUnavailableError';
}

export const GENESIS = '0'.repeat(64);

export interface Head {
  seq: number;
  hash: string;
}

export function hashOf(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(record.prev).update(JSON.stringify(record)).digest('hex');
}

/**
 * Whether `record` is the one append after `head` that a process killed
 * between writing the line and moving the head left behind: the next record,
 * chained to the head, its hash intact. Completing it hides nothing: anyone
 * able to write such a line could move the head as well.
 */
export function completesHead(record: AuditRecord, head: Head): boolean {
  const { hash, ...body } = record;
  return record.seq === head.seq + 1 && record.prev === head.hash && hashOf(body) === hash;
}

/** Where the lines and the head are kept: files in DATA_DIR, or Redis shared by several servers. */
export interface AuditChain {
  /** Names the place in messages ("/data/audit.log", "redis …"). */
  readonly where: string;
  /**
   * Appends the record `make` builds on the chain's current head, atomically
   * with respect to every other writer of the chain, and returns it.
   */
  append(make: (head: Head) => AuditRecord): Promise<AuditRecord>;
  /**
   * The lines, oldest first, and the head they should end at (asked for once
   * the lines are read), as one consistent reading.
   */
  read(): Promise<{ lines: AsyncIterable<string>; head: () => Promise<Head | undefined> }>;
  /** Writes `audit.log` and `audit.head` into `dir` as one consistent pair; returns the head. */
  exportTo(dir: string): Promise<Head | undefined>;
}
