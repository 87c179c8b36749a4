/** OAI-PMH responses as XML, element order as the OAI-PMH and oai_dc schemas require. */
import XMLBuilder from 'fast-xml-builder';
import { t } from '../i18n/index.ts';
import type { DublinCore } from '../schema/crosswalk.ts';

export interface OaiHeader {
  identifier: string;
  /** Seconds since the epoch. */
  datestamp: number;
  sets: string[];
  /** A withdrawn document: its header says so, and it carries no metadata. */
  deleted?: boolean;
}

export interface OaiRecord {
  header: OaiHeader;
  dc?: DublinCore;
}

export type OaiBody =
  | { error: { code: string; message: string } }
  | { Identify: { adminEmail: string; earliest: number } }
  | { ListMetadataFormats: true }
  | { ListSets: { spec: string; name: string }[] }
  | { GetRecord: OaiRecord }
  | { ListIdentifiers: OaiRecord[]; token: string | undefined }
  | { ListRecords: OaiRecord[]; token: string | undefined };

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false });

export function stamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function header({ identifier, datestamp, sets, deleted }: OaiHeader) {
  return {
    ...(deleted ? { '@_status': 'deleted' } : {}),
    identifier,
    datestamp: stamp(datestamp),
    ...(sets.length > 0 ? { setSpec: sets } : {}),
  };
}

/** The oai_dc element: the Dublin Core record OAI-PMH harvests and BagIt packages carry. */
function oaiDc(dc: DublinCore) {
  const optional = (name: string, value: string | string[] | undefined) =>
    value === undefined || (Array.isArray(value) && value.length === 0) ? {} : { [name]: value };
  return {
    '@_xmlns:oai_dc': OAI_DC,
    '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    '@_xmlns:xsi': XSI,
    '@_xsi:schemaLocation': `${OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`,
    'dc:title': dc.title,
    ...optional('dc:creator', dc.creator),
    ...optional('dc:subject', dc.subject),
    ...optional('dc:description', dc.description),
    ...optional('dc:date', dc.date),
    'dc:type': dc.type,
    'dc:identifier': dc.identifier,
    'dc:language': dc.language,
  };
}

/** One Dublin Core record as a standalone XML document (valid against oai_dc.xsd). */
export function dublinCoreXml(dc: DublinCore): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ 'oai_dc:dc': oaiDc(dc) })}`;
}

function record(entry: OaiRecord) {
  const { dc } = entry;
  if (!dc || entry.header.deleted) return { header: header(entry.header) };
  return { header: header(entry.header), metadata: { 'oai_dc:dc': oaiDc(dc) } };
}

function body(content: OaiBody, baseUrl: string): Record<string, unknown> {
  if ('error' in content) {
    return { error: { '@_code': content.error.code, '#text': content.error.message } };
  }
  if ('Identify' in content) {
    return {
      Identify: {
        repositoryName: t('site.name'),
        baseURL: baseUrl,
        protocolVersion: '2.0',
        adminEmail: content.Identify.adminEmail,
        earliestDatestamp: stamp(content.Identify.earliest),
        // Withdrawn documents stay listed as deleted, for good (npm run withdraw).
        deletedRecord: 'persistent',
        granularity: 'YYYY-MM-DDThh:mm:ssZ',
      },
    };
  }
  if ('ListMetadataFormats' in content) {
    return {
      ListMetadataFormats: {
        metadataFormat: {
          metadataPrefix: 'oai_dc',
          schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
          metadataNamespace: OAI_DC,
        },
      },
    };
  }
  if ('ListSets' in content) {
    return {
      ListSets: { set: content.ListSets.map((set) => ({ setSpec: set.spec, setName: set.name })) },
    };
  }
  if ('GetRecord' in content) return { GetRecord: { record: record(content.GetRecord) } };
  const token = content.token === undefined ? {} : { resumptionToken: content.token };
  if ('ListIdentifiers' in content) {
    return {
      ListIdentifiers: {
        header: content.ListIdentifiers.map((entry) => header(entry.header)),
        ...token,
      },
    };
  }
  return { ListRecords: { record: content.ListRecords.map(record), ...token } };
}

export function oaiXml(baseUrl: string, request: Record<string, string>, content: OaiBody): string {
  const attributes = Object.fromEntries(
    Object.entries(request).map(([name, value]) => [`@_${name}`, value]),
  );
  const tree = {
    'OAI-PMH': {
      '@_xmlns': OAI,
      '@_xmlns:xsi': XSI,
      '@_xsi:schemaLocation': `${OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`,
      responseDate: stamp(Math.floor(Date.now() / 1000)),
      request: { ...attributes, '#text': baseUrl },
      ...body(content, baseUrl),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree)}`;
}
