/**
 * The one visibility rule: a visitor sees the classification levels up to and
 * including their clearance. Every read path asks this module.
 */
import { CLASSIFICATIONS, type Classification, type Source } from '../schema/document.ts';

export type Clearance = Classification;

/** Anonymous visitors see public documents only. */
export const ANONYMOUS: Clearance = 'public';

export function visibleLevels(clearance: Clearance): Classification[] {
  return CLASSIFICATIONS.slice(0, CLASSIFICATIONS.indexOf(clearance) + 1);
}

export function canSee(clearance: Clearance, classification: Classification): boolean {
  return CLASSIFICATIONS.indexOf(classification) <= CLASSIFICATIONS.indexOf(clearance);
}

/**
 * The sources of a document this visitor may know of: a copy filed with a
 * higher classification than the document's reveals its path and ingest time
 * only to those cleared for it.
 */
export function visibleSources<S extends Pick<Source, 'classification'>>(
  meta: { classification: Classification; sources: readonly S[] },
  clearance: Clearance,
): S[] {
  return meta.sources.filter((source) =>
    canSee(clearance, source.classification ?? meta.classification),
  );
}
