/**
 * The one visibility rule: a visitor sees the classification levels up to and
 * including their clearance. Every read path asks this module.
 */
import { CLASSIFICATIONS, type Classification } from '../schema/document.ts';

export type Clearance = Classification;

/** Anonymous visitors see public documents only. */
export const ANONYMOUS: Clearance = 'public';

export function visibleLevels(clearance: Clearance): Classification[] {
  return CLASSIFICATIONS.slice(0, CLASSIFICATIONS.indexOf(clearance) + 1);
}

export function canSee(clearance: Clearance, classification: Classification): boolean {
  return CLASSIFICATIONS.indexOf(classification) <= CLASSIFICATIONS.indexOf(clearance);
}
