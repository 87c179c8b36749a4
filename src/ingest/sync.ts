/**
 * `ingest --sync`: the documents of a collection whose files are gone from its
 * folder are withdrawn, never deleted. Their pages become tombstones, their
 * originals stay under fixity, and a file that comes back does not undo it:
 * only an archivist does.
 */
import { readDocument } from '../content/store.ts';
import { ValidationError } from '../schema/validate.ts';
import type { Rejection } from './discover.ts';
import type { ArchiveCatalog } from './catalog.ts';
import { writeWithdrawal } from './withdraw.ts';

export interface SyncWithdrawal {
  id: string;
  /** One of its files that is gone (shown to the archivist, never on the tombstone). */
  source: string;
  reason: string;
}

export interface SyncOutcome {
  withdrawn: SyncWithdrawal[];
  /** Why nothing was withdrawn although documents were gone. */
  refused?: string;
}

/**
 * Withdraws what `catalog.goneFromCollection()` names; the caller holds the
 * content lock and has marked every file of the run as seen. A run that saw
 * no file at all withdraws nothing: an unmounted or emptied folder must not
 * empty a collection.
 */
export async function withdrawGone(
  contentDir: string,
  catalog: ArchiveCatalog,
  { collection, by, filesSeen }: { collection: string; by: string; filesSeen: number },
  onInvalid: (rejection: Rejection) => void,
  now = new Date(),
): Promise<SyncOutcome> {
  const gone = catalog.goneFromCollection();
  if (gone.length > 0 && filesSeen === 0) {
    return {
      withdrawn: [],
      refused: `--sync: the input folder holds no file, so all ${String(gone.length)} documents of collection ${collection} would be withdrawn; nothing was withdrawn (is the folder mounted?)`,
    };
  }
  const withdrawn: SyncWithdrawal[] = [];
  const reason = `Its source file is no longer in collection ${collection} (ingest --sync).`;
  for (const { id, path } of gone) {
    let stored;
    try {
      stored = await readDocument(contentDir, id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      onInvalid({ source: id, reason: `not withdrawn by --sync: ${error.message}` });
      continue;
    }
    if (!stored || stored.meta.withdrawn) continue;
    const meta = await writeWithdrawal(contentDir, stored, { at: now.toISOString(), reason, by });
    catalog.add(meta);
    withdrawn.push({ id, source: path, reason });
  }
  return { withdrawn };
}
