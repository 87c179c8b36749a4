/** The collection an input folder is ingested as when `--collection` does not name one. */
import path from 'node:path';
import { slugify } from '../content/slug.ts';
import { collectionSchema } from '../schema/document.ts';

/**
 * The folder's name as a collection name: "Sở Nội vụ 2020" → "so-noi-vu-2020";
 * none when the name yields none (only signs, or a script without Latin letters).
 */
export function defaultCollection(inputDir: string): string | undefined {
  const name = path.basename(path.resolve(inputDir)).normalize('NFC');
  const slug = slugify(name)
    .slice(0, 64)
    .replace(/[-.]+$/, '');
  return collectionSchema.safeParse(slug).success ? slug : undefined;
}
