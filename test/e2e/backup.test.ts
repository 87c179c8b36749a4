/**
 * Backups through the real CLI and the running portal: a snapshot taken while
 * the portal runs verifies; a second one links what did not change; a
 * changed byte is found; and a restore on empty folders serves the same
 * search results, lets the same accounts log in and verifies the same chain.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCanaryArchive, PASSWORD, type CanaryArchive } from '../helpers/canaries.ts';
import { runCli } from '../helpers/cli.ts';
import { logIn, request } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir } from '../helpers/temp.ts';

let work: Awaited<ReturnType<typeof tempDir>>;
let archive: CanaryArchive;
let dataDir: string;
let portal: PortalProcess;
const portals: PortalProcess[] = [];

beforeAll(async () => {
  work = await tempDir('vankho-backup-');
  dataDir = path.join(work.dir, 'data');
  archive = await buildCanaryArchive(work.dir, dataDir);
  portal = await startPortalProcess({ CONTENT_DIR: archive.contentDir, DATA_DIR: dataDir });
  portals.push(portal);
});
afterAll(async () => {
  for (const running of portals) if (running.child.exitCode === null) await running.stop();
  await work.cleanup();
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return runCli(script, args, { DATA_DIR: dataDir, CONTENT_DIR: archive.contentDir, ...env });
}

const backups = () => path.join(work.dir, 'backups');
const snapshotOf = (stdout: string) => /to (\S+) in /.exec(stdout)?.[1] ?? '';

async function searchIds(base: string, cookie?: string): Promise<string[]> {
  const answer = await request(base, '/api/search?q=&perPage=100', {
    cookie,
  });
  const body = JSON.parse(answer.body) as { hits: { id: string }[] };
  return body.hits.map((hit) => hit.id).sort();
}

describe('npm run backup and npm run restore', () => {
  let first = '';

  it('takes a snapshot while the portal runs, and it verifies', async () => {
    // The portal writes to the audit trail meanwhile: a login is recorded.
    await logIn(portal.url, 'u-internal', PASSWORD);
    const made = await run('backup.ts', ['--out', backups()]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    first = snapshotOf(made.stdout);
    expect(made.stdout).toMatch(/Backed up \d+ files .* 0 unchanged and linked\)/);
    const checked = await run('backup.ts', ['--verify', first]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/verified\n$/);
    const info = await fs.readFile(path.join(first, 'bag-info.txt'), 'utf8');
    const head = JSON.parse(await fs.readFile(path.join(dataDir, 'audit.head'), 'utf8')) as {
      seq: number;
      hash: string;
    };
    expect(info).toContain(`Van-Kho-Audit-Head: ${String(head.seq)}:${head.hash}`);
  });

  it('links what did not change into the next snapshot, and finds a changed byte', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const made = await run('backup.ts', ['--out', backups()]);
    expect(made.code).toBe(0);
    const second = snapshotOf(made.stdout);
    expect(second).not.toBe(first);
    const [copied, linked] = /(\d+) copied, (\d+) unchanged and linked/
      .exec(made.stdout)
      ?.slice(1)
      .map(Number) ?? [0, 0];
    // Only the data folder's records are copied again: every content file is linked.
    expect(copied).toBeLessThanOrEqual(4);
    expect(linked).toBeGreaterThan(10);
    const doc = path.join('data', 'content', 'documents');
    const shard = (await fs.readdir(path.join(first, doc)))[0] ?? '';
    const file = (await fs.readdir(path.join(first, doc, shard)))[0] ?? '';
    const [a, b] = await Promise.all(
      [first, second].map((snapshot) => fs.stat(path.join(snapshot, doc, shard, file))),
    );
    expect(a?.ino).toBe(b?.ino);
    // The audit trail is copied, not linked: a byte changed there is found.
    const log = path.join(second, 'data', 'data', 'audit.log');
    const bytes = await fs.readFile(log);
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    await fs.writeFile(log, bytes);
    const checked = await run('backup.ts', ['--verify', second]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('problem: data/data/audit.log does not match its sha256');
    const refused = await run('restore.ts', [
      second,
      '--content-dir',
      path.join(work.dir, 'never-content'),
      '--data-dir',
      path.join(work.dir, 'never-data'),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('does not verify, so nothing was restored');
    await expect(fs.stat(path.join(work.dir, 'never-content', 'documents'))).rejects.toThrow();
  });

  it('restores on empty folders an archive that searches, logs in and verifies as before', async () => {
    const content = path.join(work.dir, 'restored-content');
    const data = path.join(work.dir, 'restored-data');
    const restored = await run('restore.ts', [first, '--content-dir', content, '--data-dir', data]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('the chain verifies');
    const audit = await run('audit.ts', ['verify'], { DATA_DIR: data });
    expect(audit.code).toBe(0);
    const again = await startPortalProcess({ CONTENT_DIR: content, DATA_DIR: data });
    portals.push(again);
    expect(await searchIds(again.url)).toEqual(await searchIds(portal.url));
    const before = await logIn(portal.url, 'u-top-secret', PASSWORD);
    const after = await logIn(again.url, 'u-top-secret', PASSWORD);
    expect(await searchIds(again.url, after)).toEqual(await searchIds(portal.url, before));
    expect((await searchIds(again.url, after)).length).toBeGreaterThan(
      (await searchIds(again.url)).length,
    );
    const refused = await run('restore.ts', [first, '--content-dir', content, '--data-dir', data]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${content} is not empty`);
  });
});
