/**
 * Withdrawing a document: its front matter records when, why and by whom; the
 * document leaves every listing and its page becomes a tombstone. Nothing is
 * deleted: the file, its originals and their fixity stay. Written under the
 * ingest lock, so that no ingest rewrites the document meanwhile.
 */
import { readDocument, writeDocument, type StoredDocument } from '../content/store.ts';
import { VankhoError } from '../errors.ts';
import { documentIdSchema, type ArchiveDocument } from '../schema/document.ts';
import { lockContent } from './run-lock.ts';

/** No such document, or it is withdrawn already. */
export class WithdrawError extends VankhoError {
  override name = 'WithdrawError';
}

export interface Withdrawal {
  id: string;
  at: string;
  reason: string;
  by: string;
}

export async function withdrawDocument(
  contentDir: string,
  id: string,
  reason: string,
  by: string,
  now = new Date(),
): Promise<Withdrawal> {
  if (!documentIdSchema.safeParse(id).success) {
    throw new WithdrawError(`"${id}" is not a document id (lower-case letters, digits and -)`);
  }
  if (reason.trim() === '') throw new WithdrawError('--reason: say why the document is withdrawn');
  const release = await lockContent(contentDir);
  try {
    const stored = await readDocument(contentDir, id);
    if (!stored) throw new WithdrawError(`No document ${id} in ${contentDir}`);
    if (stored.meta.withdrawn) {
      throw new WithdrawError(
        `${id} was withdrawn already, on ${stored.meta.withdrawn.at}: ${stored.meta.withdrawn.reason}`,
      );
    }
    const withdrawn = { at: now.toISOString(), reason: reason.trim(), by };
    await writeWithdrawal(contentDir, stored, withdrawn);
    return { id, ...withdrawn };
  } finally {
    release();
  }
}

/** Writes the document as withdrawn; the caller holds the content lock. */
export async function writeWithdrawal(
  contentDir: string,
  stored: StoredDocument,
  withdrawn: Omit<Withdrawal, 'id'>,
): Promise<ArchiveDocument> {
  const meta = { ...stored.meta, withdrawn };
  await writeDocument(contentDir, { ...stored, meta });
  return meta;
}
