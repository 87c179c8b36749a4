/**
 * OAI-PMH 2.0 with `oai_dc`: harvesters see public documents only, whoever
 * asks, like the sitemap. Lists walk the index in datestamp order with a
 * resumption token that holds a cursor (a datestamp and how many records at
 * that datestamp were already sent), so deep harvests never page by offset.
 */
import { ANONYMOUS, canSee } from '../access/clearance.ts';
import { readDocument } from '../content/store.ts';
import { datestampOf, type SearchRecord } from '../meili/records.ts';
import type { ArchiveDocument } from '../schema/document.ts';
import { indexedClassification } from './documents.ts';
import { oaiXml, type OaiBody, type OaiRecord } from './oai-xml.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import { clearanceFilter } from '../meili/filters.ts';
import { isSetSpec, listSets, setExists, setFilter, setsOf } from './oai-sets.ts';
import { z } from 'zod';
import { VankhoError } from '../errors.ts';
import { documentPermalink } from './url.ts';
import { dublinCore } from '../schema/crosswalk.ts';

const PAGE = 100;
const ID_PREFIX = 'oai:vankho:';
const VERBS: Record<string, { required: string[]; optional: string[] }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [] },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'] },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'] },
};

export interface OaiContext {
  backend: SearchBackend;
  contentDir: string;
  baseUrl: string;
  adminEmail: string;
}

class OaiError extends VankhoError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Where a harvest stands; it travels in the resumption token, so every field is checked on return. */
const harvestSchema = z.strictObject({
  prefix: z.literal('oai_dc'),
  from: z.number().int().nonnegative().optional(),
  until: z.number().int().nonnegative().optional(),
  set: z.string().refine(isSetSpec).optional(),
  cursor: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
type Harvest = z.infer<typeof harvestSchema>;

/** The whole XML answer to one request; protocol errors are answers too. */
export async function oaiResponse(context: OaiContext, query: URLSearchParams): Promise<string> {
  const verb = query.get('verb') ?? '';
  const args = Object.fromEntries(query);
  try {
    const spec = VERBS[verb];
    if (!spec || query.getAll('verb').length > 1) {
      throw new OaiError('badVerb', verb ? `unknown verb "${verb}"` : 'the verb is missing');
    }
    checkArguments(query, spec);
    const body = await answer(context, verb, args);
    return oaiXml(context.baseUrl, { verb, ...args }, body);
  } catch (error) {
    if (!(error instanceof OaiError)) throw error;
    // A bad verb or argument: the request element carries no attributes.
    const echoed = error.code === 'badVerb' || error.code === 'badArgument' ? {} : args;
    return oaiXml(context.baseUrl, echoed, { error: { code: error.code, message: error.message } });
  }
}

function checkArguments(query: URLSearchParams, spec: { required: string[]; optional: string[] }) {
  const keys = [...query.keys()].filter((key) => key !== 'verb');
  if (new Set(keys).size !== keys.length)
    throw new OaiError('badArgument', 'an argument is repeated');
  if (keys.includes('resumptionToken')) {
    if (keys.length > 1) {
      throw new OaiError('badArgument', 'resumptionToken is an exclusive argument');
    }
    if (!spec.optional.includes('set')) {
      throw new OaiError('badArgument', 'this verb takes no resumptionToken');
    }
    return;
  }
  const unknown = keys.filter(
    (key) => !spec.required.includes(key) && !spec.optional.includes(key),
  );
  if (unknown.length > 0)
    throw new OaiError('badArgument', `unknown argument ${unknown.join(', ')}`);
  const missing = spec.required.filter((key) => !keys.includes(key));
  if (missing.length > 0) throw new OaiError('badArgument', `missing ${missing.join(', ')}`);
}

async function answer(
  context: OaiContext,
  verb: string,
  args: Record<string, string>,
): Promise<OaiBody> {
  switch (verb) {
    case 'Identify':
      return { Identify: await identify(context) };
    case 'ListMetadataFormats':
      if (args['identifier']) await publicDocument(context, args['identifier']);
      return { ListMetadataFormats: true };
    case 'ListSets':
      return { ListSets: await listSets(context.backend) };
    case 'GetRecord': {
      checkPrefix(args['metadataPrefix']);
      const meta = await publicDocument(context, args['identifier'] ?? '');
      return { GetRecord: toRecord(context, meta) };
    }
    default: {
      const token = args['resumptionToken'];
      const harvest = token ? fromToken(token) : await newHarvest(context, args);
      return list(context, verb === 'ListRecords', harvest, token !== undefined);
    }
  }
}

async function identify(context: OaiContext) {
  const first = await guard(() =>
    context.backend.client.index<SearchRecord>(context.backend.index).search('', {
      filter: [clearanceFilter(ANONYMOUS)],
      sort: ['datestampTs:asc'],
      attributesToRetrieve: ['datestampTs'],
      limit: 1,
    }),
  );
  return { adminEmail: context.adminEmail, earliest: first.hits[0]?.datestampTs ?? 0 };
}

function checkPrefix(prefix: string | undefined) {
  if (prefix !== 'oai_dc') {
    throw new OaiError(
      'cannotDisseminateFormat',
      `metadataPrefix "${prefix ?? ''}": only oai_dc is offered`,
    );
  }
}

/** The document behind an identifier, if it exists for anyone: restricted is the same as missing. */
async function publicDocument(context: OaiContext, identifier: string): Promise<ArchiveDocument> {
  const id = identifier.startsWith(ID_PREFIX) ? identifier.slice(ID_PREFIX.length) : '';
  // The public index decides first: a restricted id costs what a missing one does.
  const listed = id ? await indexedClassification(context.backend, id) : undefined;
  const stored = listed
    ? await readDocument(context.contentDir, id).catch(() => undefined)
    : undefined;
  if (!stored || !canSee(ANONYMOUS, stored.meta.classification)) {
    throw new OaiError('idDoesNotExist', 'no record has this identifier');
  }
  return stored.meta;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function parseStamp(
  value: string | undefined,
  name: string,
  endOfDay: boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = DAY.test(value)
    ? Date.parse(`${value}T${endOfDay ? '23:59:59' : '00:00:00'}Z`)
    : SECOND.test(value)
      ? Date.parse(value)
      : NaN;
  // Date.parse rolls 2020-02-30 over into March: only a date that reads back the same is one.
  const readBack = Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');
  const exists = DAY.test(value) ? readBack.slice(0, 10) === value : readBack === value;
  if (!exists) {
    throw new OaiError('badArgument', `${name}: expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ`);
  }
  return Math.floor(ms / 1000);
}

async function newHarvest(context: OaiContext, args: Record<string, string>): Promise<Harvest> {
  checkPrefix(args['metadataPrefix']);
  const { from: fromText, until: untilText } = args;
  if (fromText && untilText && fromText.length !== untilText.length) {
    throw new OaiError('badArgument', 'from and until must have the same granularity');
  }
  const from = parseStamp(fromText, 'from', false);
  const until = parseStamp(untilText, 'until', true);
  if (from !== undefined && until !== undefined && from > until) {
    throw new OaiError('badArgument', 'from is later than until');
  }
  const set = args['set'];
  if (set !== undefined && !(await setExists(context.backend, set))) {
    throw new OaiError('badArgument', `set "${set}" does not exist`);
  }
  return { prefix: 'oai_dc', from, until, set, cursor: from ?? 0, offset: 0 };
}

function fromToken(token: string): Harvest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    // Not JSON: answered below like any other token that is not ours.
  }
  const harvest = harvestSchema.safeParse(parsed);
  if (harvest.success) return harvest.data;
  throw new OaiError('badResumptionToken', 'the resumptionToken is not valid');
}

async function list(
  context: OaiContext,
  records: boolean,
  harvest: Harvest,
  resumed: boolean,
): Promise<OaiBody> {
  const filter = [clearanceFilter(ANONYMOUS), `datestampTs >= ${String(harvest.cursor)}`];
  if (harvest.until !== undefined) filter.push(`datestampTs <= ${String(harvest.until)}`);
  if (harvest.set) filter.push(setFilter(harvest.set));
  const result = await guard(() =>
    context.backend.client.index<SearchRecord>(context.backend.index).search('', {
      filter,
      sort: ['datestampTs:asc'],
      attributesToRetrieve: ['docId', 'datestampTs', 'type', 'collection', 'withdrawn'],
      offset: harvest.offset,
      limit: PAGE + 1,
    }),
  );
  const hits = result.hits.slice(0, PAGE);
  if (hits.length === 0) throw new OaiError('noRecordsMatch', 'no records match this request');
  const entries: OaiRecord[] = [];
  for (const hit of hits) {
    if (!records || hit.withdrawn) {
      entries.push({ header: header(hit.docId, hit.datestampTs, setsOf(hit), hit.withdrawn) });
      continue;
    }
    const stored = await readDocument(context.contentDir, hit.docId);
    // The index and the folder may briefly disagree: only what is public in the folder goes out.
    if (stored && canSee(ANONYMOUS, stored.meta.classification)) {
      entries.push(toRecord(context, stored.meta));
    }
  }
  // The last part of a resumed list carries an empty token; a list in one part, none.
  let token: string | undefined = resumed ? '' : undefined;
  if (result.hits.length > PAGE) {
    const last = hits.at(-1)?.datestampTs ?? harvest.cursor;
    const atLast = hits.filter((hit) => hit.datestampTs === last).length;
    const next: Harvest =
      last === harvest.cursor
        ? { ...harvest, offset: harvest.offset + atLast }
        : { ...harvest, cursor: last, offset: atLast };
    token = Buffer.from(JSON.stringify(next)).toString('base64url');
  }
  return records ? { ListRecords: entries, token } : { ListIdentifiers: entries, token };
}

function header(id: string, datestamp: number, sets: string[], deleted = false) {
  return {
    identifier: `${ID_PREFIX}${id}`,
    datestamp,
    sets,
    ...(deleted && { deleted }),
  };
}

function toRecord(context: OaiContext, meta: ArchiveDocument): OaiRecord {
  const origin = new URL(context.baseUrl).origin;
  if (meta.withdrawn) {
    // The tombstone's datestamp, as the index lists it (meili/records.ts).
    const at = Math.floor(Date.parse(meta.withdrawn.at) / 1000);
    return { header: header(meta.id, at, setsOf(meta), true) };
  }
  return {
    header: header(meta.id, datestampOf(meta), setsOf(meta)),
    dc: dublinCore(meta, documentPermalink(origin, meta.id)),
  };
}
