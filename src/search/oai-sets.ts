/**
 * OAI-PMH sets: one per kind of document (`type:resolution`) and one per
 * collection (`collection:so-noi-vu`). A collection is a set only when it
 * holds a public document: a harvester must not learn that a collection of
 * restricted documents exists.
 */
import { ANONYMOUS } from '../access/clearance.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import { clearanceFilter, inFilter } from '../meili/filters.ts';
import { collectionSchema, DOCUMENT_TYPES } from '../schema/document.ts';
import { facetLabel, t } from '../i18n/index.ts';

/** What a set spec may be, checked again when it returns in a resumption token. */
export function isSetSpec(spec: string): boolean {
  const [kind, value = ''] = spec.split(/:(.*)/s);
  if (kind === 'type') return (DOCUMENT_TYPES as readonly string[]).includes(value);
  return kind === 'collection' && collectionSchema.safeParse(value).success;
}

/** The sets a document belongs to. */
export function setsOf(meta: {
  type: string | string[];
  collection?: string | string[] | undefined;
}): string[] {
  const list = (value: string | string[] | undefined) =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  return [
    ...list(meta.type).map((type) => `type:${type}`),
    ...list(meta.collection).map((collection) => `collection:${collection}`),
  ];
}

/** The index filter that keeps a set's documents. */
export function setFilter(spec: string): string {
  const [kind, value = ''] = spec.split(/:(.*)/s);
  return inFilter(kind === 'type' ? 'type' : 'collection', [value]);
}

/** The collections with at least one public document, in name order. */
async function publicCollections(backend: SearchBackend): Promise<string[]> {
  const result = await guard(() =>
    backend.client.index(backend.index).search('', {
      filter: [clearanceFilter(ANONYMOUS)],
      facets: ['collection'],
      limit: 0,
    }),
  );
  return Object.keys(result.facetDistribution?.['collection'] ?? {}).sort();
}

/** Every set, for ListSets. */
export async function listSets(backend: SearchBackend): Promise<{ spec: string; name: string }[]> {
  const collections = await publicCollections(backend);
  return [
    ...DOCUMENT_TYPES.map((type) => ({ spec: `type:${type}`, name: facetLabel('type', type) })),
    ...collections.map((collection) => ({
      spec: `collection:${collection}`,
      name: `${t('facet.collection')}: ${collection}`,
    })),
  ];
}

/** Whether a set spec names a set that ListSets would list. */
export async function setExists(backend: SearchBackend, spec: string): Promise<boolean> {
  if (!isSetSpec(spec)) return false;
  if (spec.startsWith('type:')) return true;
  return (await publicCollections(backend)).includes(spec.slice('collection:'.length));
}
