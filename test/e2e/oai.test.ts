/**
 * OAI-PMH on the sample archive: every answer validates against the OAI-PMH and
 * oai_dc schemas (xmllint), and a harvest through resumption tokens yields each
 * public document exactly once.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAllDocuments } from '../../src/content/store.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const exec = promisify(execFile);
const SCHEMA = path.join(REPO_ROOT, 'test', 'fixtures', 'oai-pmh', 'oai-pmh-and-oai_dc.xsd');
let portal: PortalProcess;
let work: { dir: string; cleanup: () => Promise<void> };
let responses = 0;

beforeAll(async () => {
  work = await tempDir('vankho-oai-');
  portal = await startPortalProcess({ DATA_DIR: path.join(work.dir, 'data') });
});
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

/** Fetches an OAI-PMH answer and validates it against the schemas; returns its text. */
async function oai(query: string): Promise<string> {
  const response = await fetch(`${portal.url}/oai?${query}`);
  expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
  const xml = await response.text();
  const file = path.join(work.dir, `response-${String(++responses)}.xml`);
  await fs.writeFile(file, xml);
  const checked = await exec('xmllint', ['--noout', '--schema', SCHEMA, file]).catch(
    (error: unknown) => error as { stderr: string },
  );
  expect(checked.stderr.trim(), `${query}\n${xml.slice(0, 2000)}`).toBe(`${file} validates`);
  return xml;
}

describe('OAI-PMH', () => {
  it('harvests every public document exactly once through resumption tokens', async () => {
    const expected: string[] = [];
    for await (const { meta } of readAllDocuments(
      path.join(REPO_ROOT, 'content'),
      () => undefined,
    )) {
      if (meta.classification === 'public') expected.push(meta.id);
    }
    const harvested: string[] = [];
    let query = 'verb=ListRecords&metadataPrefix=oai_dc';
    for (let round = 0; round < 50; round++) {
      const xml = await oai(query);
      harvested.push(
        ...[...xml.matchAll(/<identifier>oai:vankho:([^<]+)<\/identifier>/g)].map(
          (m) => m[1] ?? '',
        ),
      );
      const token = /<resumptionToken>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];
      if (!token) break;
      query = `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
    }
    expect(responses).toBeGreaterThan(1);
    expect(new Set(harvested).size).toBe(harvested.length);
    expect(harvested.sort()).toEqual(expected.sort());
  });

  it('answers every verb, and errors as the protocol says, all valid', async () => {
    expect(await oai('verb=Identify')).toMatch(/<earliestDatestamp>\d{4}-\d\d-\d\dT/);
    expect(await oai('verb=ListMetadataFormats')).toContain(
      '<metadataPrefix>oai_dc</metadataPrefix>',
    );
    expect(await oai('verb=ListSets')).toContain('<setSpec>type:resolution</setSpec>');
    const sets = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:resolution');
    expect(sets).not.toMatch(/<setSpec>type:(?!resolution)/);
    const id = /<identifier>(oai:vankho:[^<]+)</.exec(sets)?.[1] ?? '';
    expect(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${id}`)).toContain(
      '<dc:title>',
    );
    const errors: [string, string][] = [
      ['verb=Nonsense', 'badVerb'],
      ['verb=ListRecords', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2019-01-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01', 'noRecordsMatch'],
      ['verb=ListRecords&resumptionToken=broken', 'badResumptionToken'],
      // A token is the harvester's to send back, not to write: a filter smuggled in is refused.
      [
        `verb=ListRecords&resumptionToken=${Buffer.from(
          JSON.stringify({
            prefix: 'oai_dc',
            until: '0 OR classification = secret',
            cursor: 0,
            offset: 0,
          }),
        ).toString('base64url')}`,
        'badResumptionToken',
      ],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:vankho:nothing-here', 'idDoesNotExist'],
    ];
    for (const [query, code] of errors) {
      expect(await oai(query), query).toContain(`<error code="${code}">`);
    }
  });

  it('refuses dates that do not exist: 2020-02-30, 2021-02-29, hour 25', async () => {
    for (const from of ['2020-02-30', '2021-02-29', '2020-01-01T25:00:00Z', '2020-04-31']) {
      const xml = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${from}`);
      expect(xml, from).toContain('<error code="badArgument">');
    }
    expect(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2020-02-29')).not.toContain(
      '<error',
    );
  });

  it('answers POST (application/x-www-form-urlencoded) like GET, from any origin', async () => {
    const get = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:resolution');
    const response = await fetch(`${portal.url}/oai`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=type%3Aresolution',
    });
    expect(response.status).toBe(200);
    const posted = await response.text();
    const ids = (xml: string) => [...xml.matchAll(/<identifier>([^<]+)</g)].map((m) => m[1]);
    expect(ids(posted)).toEqual(ids(get));
    expect(ids(posted).length).toBeGreaterThan(0);
    const file = path.join(work.dir, 'posted.xml');
    await fs.writeFile(file, posted);
    const checked = await exec('xmllint', ['--noout', '--schema', SCHEMA, file]);
    expect(checked.stderr.trim()).toBe(`${file} validates`);
  });

  it('never copies the Host header into baseURL or record links', async () => {
    const xml = await new Promise<string>((resolve, reject) => {
      const url = new URL('/oai?verb=ListRecords&metadataPrefix=oai_dc', portal.url);
      http
        .get(url, { headers: { Host: 'evil.example:666' } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            resolve(body);
          });
        })
        .on('error', reject);
    });
    expect(xml).toContain(`>${portal.url}/oai</request>`);
    expect(xml).not.toContain('evil.example');
  });
});
