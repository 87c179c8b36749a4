/**
 * A BagIt validator written from RFC 8493 alone, sharing no code with the
 * bag writer (src/export/bag.ts), so that a bag the writer gets wrong is not
 * judged by the same mistake. Returns every problem found; none means valid.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const ALGORITHMS = new Set(['md5', 'sha1', 'sha256', 'sha512']);

async function listFiles(root: string, dir = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, relative)));
    else out.push(relative);
  }
  return out;
}

/** §2.1.3 and §2.2.1: "checksum<whitespace>filepath", the path percent-decoded for CR, LF and %. */
function readManifest(text: string, name: string, problems: string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const match = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line.replace(/\r$/, ''));
    if (!match?.[1] || !match[2]) {
      problems.push(`${name} line ${String(i + 1)}: not "checksum filepath"`);
      continue;
    }
    const file = match[2].replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
    if (file.startsWith('/') || file.split('/').includes('..')) {
      problems.push(`${name}: ${file} is outside the bag`);
    }
    entries.set(file, match[1].toLowerCase());
  }
  return entries;
}

async function checksum(file: string, algorithm: string): Promise<string> {
  return createHash(algorithm)
    .update(await fs.readFile(file))
    .digest('hex');
}

export async function validateBag(bag: string): Promise<string[]> {
  const problems: string[] = [];
  // §2.1.1: the bag declaration, exactly two lines in this order.
  const declaration = await fs.readFile(path.join(bag, 'bagit.txt'), 'utf8').catch(() => undefined);
  if (declaration === undefined) return ['bagit.txt is missing'];
  const lines = declaration.split(/\r?\n/).filter((line) => line !== '');
  if (!/^BagIt-Version: \d+\.\d+$/.test(lines[0] ?? '') || lines.length !== 2) {
    problems.push('bagit.txt: the first line must be "BagIt-Version: M.N", with two lines in all');
  }
  if (!/^Tag-File-Character-Encoding: \S+$/.test(lines[1] ?? '')) {
    problems.push('bagit.txt: the second line must be "Tag-File-Character-Encoding: ENCODING"');
  }
  // §2.1.2: the payload directory.
  if (!(await fs.stat(path.join(bag, 'data')).catch(() => undefined))?.isDirectory()) {
    return [...problems, 'data/ is missing'];
  }
  const all = await listFiles(bag);
  const payload = all.filter((file) => file.startsWith('data/'));
  const tagFiles = all.filter((file) => !file.startsWith('data/'));
  // §2.1.3: at least one payload manifest; every payload file in each, each entry a real file.
  const manifests = tagFiles.filter((file) => /^manifest-[a-z0-9]+\.txt$/.test(file));
  if (manifests.length === 0) problems.push('no payload manifest (manifest-<algorithm>.txt)');
  for (const name of manifests) {
    const algorithm = name.slice('manifest-'.length, -'.txt'.length);
    if (!ALGORITHMS.has(algorithm)) {
      problems.push(`${name}: unknown algorithm`);
      continue;
    }
    const entries = readManifest(await fs.readFile(path.join(bag, name), 'utf8'), name, problems);
    for (const file of payload) {
      if (!entries.has(file)) problems.push(`${name}: ${file} is in data/ but not in the manifest`);
    }
    for (const [file, sum] of entries) {
      if (!file.startsWith('data/')) problems.push(`${name}: ${file} is not under data/`);
      else if (!payload.includes(file)) problems.push(`${name}: ${file} is listed but missing`);
      else if ((await checksum(path.join(bag, file), algorithm)) !== sum) {
        problems.push(`${name}: ${file} does not match its checksum`);
      }
    }
  }
  // §2.2.1: tag manifests list tag files (never themselves) with their checksums.
  for (const name of tagFiles.filter((file) => /^tagmanifest-[a-z0-9]+\.txt$/.test(file))) {
    const algorithm = name.slice('tagmanifest-'.length, -'.txt'.length);
    const entries = readManifest(await fs.readFile(path.join(bag, name), 'utf8'), name, problems);
    for (const [file, sum] of entries) {
      if (file.startsWith('data/') || /^tagmanifest-/.test(file)) {
        problems.push(`${name}: ${file} is not a tag file it may list`);
      } else if (!tagFiles.includes(file)) problems.push(`${name}: ${file} is listed but missing`);
      else if ((await checksum(path.join(bag, file), algorithm)) !== sum) {
        problems.push(`${name}: ${file} does not match its checksum`);
      }
    }
  }
  // §2.2.2: bag-info.txt's Payload-Oxum is "octets.streamcount" of the payload.
  const info = await fs.readFile(path.join(bag, 'bag-info.txt'), 'utf8').catch(() => '');
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(info);
  if (oxum) {
    let octets = 0;
    for (const file of payload) octets += (await fs.stat(path.join(bag, file))).size;
    if (Number(oxum[1]) !== octets || Number(oxum[2]) !== payload.length) {
      problems.push(
        `bag-info.txt: Payload-Oxum ${oxum[1] ?? ''}.${oxum[2] ?? ''} but the payload is ${String(octets)}.${String(payload.length)}`,
      );
    }
  }
  for (const line of info.split('\n')) {
    if (line !== '' && !/^[^:\s][^:]*: /.test(line) && !/^[ \t]/.test(line)) {
      problems.push(`bag-info.txt: "${line}" is not "Label: value"`);
    }
  }
  return problems;
}
