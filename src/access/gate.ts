/**
 * The gate in front of every single-document read (page, API record, media).
 * Whether a document exists for the visitor is decided from the index before
 * any file is touched, with the same work for a missing id and a restricted
 * one, so that neither the answer nor its timing tells them apart.
 *
 * Every read of a non-public document is audited: an allowed one before
 * anything is answered (when the trail cannot be written, the read fails with
 * AuditUnavailableError); a refused one without holding up the answer, and for
 * anonymous visitors counted per document and interval (see refusals.ts).
 */
import { logError } from '../log.ts';
import { VankhoError } from '../errors.ts';
import type { Classification } from '../schema/document.ts';
import type { AuditEvent, AuditTrail } from './audit.ts';
import { canSee, type Clearance } from './clearance.ts';
import type { RefusalTally } from './refusals.ts';
import { accessServices, type Visitor } from './visitor.ts';

export interface GatedDocument {
  id: string;
  classification: Classification;
}

/** What a withdrawn document's tombstone says, to those who could see the document. */
export interface Tombstone {
  id: string;
  title: string;
  number?: string | undefined;
  issued?: string | undefined;
  withdrawn: { at: string; reason: string };
}

/**
 * The document asked for was withdrawn: every single-document path answers
 * 410 Gone with its tombstone, never its content (pages, API, media, IIIF,
 * citations), because the gate throws this rather than return the document.
 */
export class DocumentWithdrawnError extends VankhoError {
  override name = 'DocumentWithdrawnError';
  readonly tombstone: Tombstone;

  constructor(tombstone: Tombstone) {
    super(
      `${tombstone.id} was withdrawn on ${tombstone.withdrawn.at}: ${tombstone.withdrawn.reason}`,
    );
    this.tombstone = tombstone;
  }
}

/** Who reads, and how each document they ask for is admitted. */
export interface Reader {
  clearance: Clearance;
  /** Audits an allowed read (awaited) or a refused one (not awaited); true when allowed. */
  admit(document: GatedDocument): Promise<boolean>;
}

export function readerFor(
  visitor: Visitor,
  address: string,
  event: Extract<AuditEvent, 'view' | 'download'>,
  audit: AuditTrail = accessServices().audit,
  refusals: RefusalTally = accessServices().refusals,
): Reader {
  return {
    clearance: visitor.clearance,
    async admit({ id, classification }) {
      const allowed = canSee(visitor.clearance, classification);
      if (classification === 'public') return true;
      if (allowed) {
        await audit.record({
          event,
          user: visitor.user,
          address,
          document: id,
          classification,
          outcome: 'allowed',
        });
      } else if (visitor.user === undefined) {
        refusals.note(event, id, classification);
      } else {
        // Recorded in order behind the answer: waiting for the disk would time the refusal.
        audit
          .record({
            event,
            user: visitor.user,
            address,
            document: id,
            classification,
            outcome: 'refused',
          })
          .catch((error: unknown) => {
            logError(`Failed to record a refused ${event} of ${id}`, error);
          });
      }
      return allowed;
    },
  };
}

/**
 * Reads a document through the gate: `classificationOf` answers from the index
 * (undefined: no such document), `read` is called only for a document the
 * visitor may see. Undefined when the document does not exist for the visitor.
 */
/** What the gate reads of a stored document: enough to admit it, or to write its tombstone. */
interface Readable extends GatedDocument {
  title?: string | undefined;
  number?: string | undefined;
  issued?: string | undefined;
  withdrawn?: { at: string; reason: string } | undefined;
}

export async function readGated<T extends { meta: Readable }>(
  id: string,
  reader: Reader,
  classificationOf: (id: string) => Promise<Classification | undefined>,
  read: (id: string) => Promise<T | undefined>,
): Promise<T | undefined> {
  const indexed = await classificationOf(id);
  if (indexed === undefined || !(await reader.admit({ id, classification: indexed }))) {
    return undefined;
  }
  const stored = await read(id);
  // The file decides when it is stricter than the index (reclassified, not yet indexed).
  if (!stored || (stored.meta.classification !== indexed && !(await reader.admit(stored.meta)))) {
    return undefined;
  }
  // Only now, for a reader who could see it, does a withdrawn document say what it was.
  const { withdrawn, title } = stored.meta;
  if (withdrawn && title !== undefined) {
    throw new DocumentWithdrawnError({
      id: stored.meta.id,
      title,
      number: stored.meta.number,
      issued: stored.meta.issued,
      withdrawn: { at: withdrawn.at, reason: withdrawn.reason },
    });
  }
  return stored;
}
