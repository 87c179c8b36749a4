/**
 * The gate in front of every single-document read (page, API record, media):
 * the visibility rule decides, and the audit trail records every read of a
 * non-public document, allowed or refused, before anything is answered. When
 * the trail cannot be written, the read fails with AuditUnavailableError.
 */
import type { Classification } from '../schema/document.ts';
import type { AuditEvent, AuditTrail } from './audit.ts';
import { canSee, type Clearance } from './clearance.ts';
import { accessServices, type Visitor } from './visitor.ts';

export interface GatedDocument {
  id: string;
  classification: Classification;
}

/** Who reads, and how each document they ask for is admitted. */
export interface Reader {
  clearance: Clearance;
  admit(document: GatedDocument): Promise<boolean>;
}

export function readerFor(
  visitor: Visitor,
  address: string,
  event: Extract<AuditEvent, 'view' | 'download'>,
  audit: AuditTrail = accessServices().audit,
): Reader {
  return {
    clearance: visitor.clearance,
    async admit({ id, classification }) {
      const allowed = canSee(visitor.clearance, classification);
      if (classification !== 'public') {
        await audit.record({
          event,
          user: visitor.user,
          address,
          document: id,
          classification,
          outcome: allowed ? 'allowed' : 'refused',
        });
      }
      return allowed;
    },
  };
}
