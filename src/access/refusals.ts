/**
 * Refused reads by anonymous visitors, counted per document and interval
 * instead of one audit line each: anyone can ask for ids, and one line per
 * request would let them grow the trail at will. The trail still says which
 * restricted document was asked for, how often, and when.
 */
import { logError } from '../log.ts';
import type { AuditFields, AuditTrail } from './audit.ts';

type Key = `${'view' | 'download'}\u0000${string}`;

interface Tally {
  event: 'view' | 'download';
  document: string;
  classification: NonNullable<AuditFields['classification']>;
  count: number;
  since: string;
}

export class RefusalTally {
  readonly #audit: AuditTrail;
  readonly #tallies = new Map<Key, Tally>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(audit: AuditTrail, intervalMs = 60_000) {
    this.#audit = audit;
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  note(event: Tally['event'], document: string, classification: Tally['classification']): void {
    const key: Key = `${event}\u0000${document}`;
    const tally = this.#tallies.get(key);
    if (tally) tally.count++;
    else {
      this.#tallies.set(key, {
        event,
        document,
        classification,
        count: 1,
        since: new Date().toISOString(),
      });
    }
  }

  /** Writes one line per document refused since the last flush. */
  flush(): Promise<void> {
    const tallies = [...this.#tallies.values()];
    this.#tallies.clear();
    this.#flushing = this.#flushing.then(async () => {
      for (const { event, document, classification, count, since } of tallies) {
        await this.#audit
          .record({ event, document, classification, outcome: 'refused', count, since })
          .catch((error: unknown) => {
            // Not lost in silence: the failure is logged with what it would have said.
            logError(`Failed to record ${String(count)} refused ${event}s of ${document}`, error);
          });
      }
    });
    return this.#flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
