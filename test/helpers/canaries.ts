/**
 * A canary archive for the leak suite: at every classification level a text
 * document and an image, each with markers found nowhere else (a title word,
 * an issuer, a subject, a body word, a number), all citing one public target.
 * Accounts `u-<level>` are made with `npm run users`, as an administrator would.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { CLASSIFICATIONS, type Classification } from '../../src/schema/document.ts';
import { REPO_ROOT, writeTree } from './temp.ts';

const exec = promisify(execFile);

export const TARGET_NUMBER = '901-NQ/TW';
export const PASSWORD = 'canary password 2026';

export interface Canary {
  level: Classification;
  /** What searching for it looks like; never a marker, since pages echo the query. */
  word: string;
  id: string;
  imageId: string;
  issuer: string;
  subject: string;
  number: string;
  /** Strings that must never reach a visitor below `level`. */
  markers: string[];
}

/** A document withdrawn at a level: nothing of it may be listed anywhere, for anyone. */
export interface Withdrawn {
  level: Classification;
  id: string;
  /** What its tombstone shows to those who could see it: title and number. */
  shown: string[];
  /** Its text: never shown at all once it is withdrawn. */
  body: string;
  /** A word of its text to search for; never a marker, since pages echo the query. */
  word: string;
}

export interface CanaryArchive {
  contentDir: string;
  /** With `{ withdrawn: true }`: a document per level, withdrawn after ingest. */
  withdrawn: Withdrawn[];
  targetId: string;
  /** A public note with a byte-identical copy filed at each higher level, under a marker folder. */
  noteId: string;
  canaries: Canary[];
  /** What the ingest report said of those copies. */
  conflicts: { source: string; id: string; reason: string }[];
}

/** The folder a level's copy of the public note is filed in: its name is information. */
export const copyFolder = (level: Classification) =>
  `vault-kanarycopy${token(level).toLowerCase()}xq`;

const token = (level: Classification) =>
  level
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export async function buildCanaryArchive(
  root: string,
  dataDir: string,
  options: { withdrawn?: boolean } = {},
): Promise<CanaryArchive> {
  const input = path.join(root, 'input');
  const contentDir = path.join(root, 'content');
  const files: Record<string, string | Uint8Array> = {
    'target.md': [
      '---',
      'title: Nghị quyết đích công khai',
      `number: ${TARGET_NUMBER}`,
      'issuer: Ban Chấp hành Trung ương',
      'issued: 2020-01-15',
      'classification: public',
      '---',
      '',
      'Nghị quyết công khai mà mọi tài liệu thử đều dẫn chiếu.',
      '',
    ].join('\n'),
  };
  const note = 'Thông báo công khai về lịch tiếp công dân của kho lưu trữ.\n';
  files['note.txt'] = note;
  files['note.txt.meta.yaml'] = 'title: Thông báo công khai\nclassification: public\n';
  for (const [i, level] of CLASSIFICATIONS.entries()) {
    const t = token(level);
    if (level !== 'public') {
      files[`${copyFolder(level)}/note-copy.txt`] = note;
      files[`${copyFolder(level)}/note-copy.txt.meta.yaml`] = `classification: ${level}\n`;
    }
    const day = `2026-11-${String(10 + i)}`;
    files[`canary-${level}.md`] = [
      '---',
      `title: Tài liệu thử KanaryTitle${t}Xq`,
      `number: 7${String(i)}-QĐ/KNR`,
      `issuer: KanaryIssuer${t}Xq`,
      `issued: ${day}`,
      `classification: ${level}`,
      `subjects: [kanarysubject${t.toLowerCase()}xq]`,
      `relations: [{ type: cites, target: '${TARGET_NUMBER}' }]`,
      '---',
      '',
      `Căn cứ Nghị quyết số ${TARGET_NUMBER}.`,
      '',
      `Nội dung thử kanary${t.toLowerCase()}xq kanarybody${t.toLowerCase()}xq hết.`,
      '',
    ].join('\n');
    files[`canary-image-${level}.png`] = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 40 * i, g: 90, b: 120 } },
    })
      .png()
      .toBuffer();
    files[`canary-image-${level}.png.meta.yaml`] = [
      `title: Ảnh KanaryImage${t}Xq`,
      `issuer: KanaryIssuer${t}Xq`,
      `issued: ${day}`,
      `classification: ${level}`,
      '',
    ].join('\n');
  }
  if (options.withdrawn) {
    for (const [i, level] of CLASSIFICATIONS.entries()) {
      const t = token(level);
      files[`gone-${level}.md`] = [
        '---',
        `title: Văn bản đã rút KanaryGone${t}Xq`,
        `number: 8${String(i)}-QĐ/GONE`,
        `issuer: Ban Chấp hành Trung ương`,
        `issued: 2025-06-0${String(i + 1)}`,
        `classification: ${level}`,
        `relations: [{ type: cites, target: '${TARGET_NUMBER}' }]`,
        '---',
        '',
        `Nội dung đã rút kanarygoneword${t.toLowerCase()}xq kanarygonebody${t.toLowerCase()}xq.`,
        '',
      ].join('\n');
    }
  }
  await writeTree(input, files);
  const report = path.join(root, 'report.json');
  await exec(
    process.execPath,
    [
      path.join(REPO_ROOT, 'scripts', 'ingest.ts'),
      input,
      '--content-dir',
      contentDir,
      '--no-index',
      '--report',
      report,
    ],
    { cwd: REPO_ROOT, env: { PATH: process.env['PATH'], DATA_DIR: dataDir } },
  );
  const { ingested, conflicts } = JSON.parse(await fs.readFile(report, 'utf8')) as {
    ingested: { source: string; id: string }[];
    conflicts: { source: string; id: string; reason: string }[];
  };
  const idOf = (source: string) => {
    const found = ingested.find((entry) => entry.source === source)?.id;
    if (!found)
      throw new Error(`the canary ${source} was not ingested: ${JSON.stringify(ingested)}`);
    return found;
  };
  const canaries = CLASSIFICATIONS.map((level, i): Canary => {
    const t = token(level);
    const id = idOf(`canary-${level}.md`);
    const imageId = idOf(`canary-image-${level}.png`);
    const issuer = `KanaryIssuer${t}Xq`;
    const subject = `kanarysubject${t.toLowerCase()}xq`;
    const number = `7${String(i)}-QĐ/KNR`;
    return {
      level,
      word: `kanary${t.toLowerCase()}xq`,
      id,
      imageId,
      issuer,
      subject,
      number,
      markers: [
        id,
        imageId,
        issuer,
        subject,
        number,
        `KanaryTitle${t}Xq`,
        `KanaryImage${t}Xq`,
        `kanarybody${t.toLowerCase()}xq`,
        ...(level === 'public' ? [] : [copyFolder(level)]),
      ],
    };
  });
  const withdrawn: Withdrawn[] = [];
  if (options.withdrawn) {
    for (const [i, level] of CLASSIFICATIONS.entries()) {
      const t = token(level);
      const id = idOf(`gone-${level}.md`);
      // Through the command an archivist runs.
      execFileSync(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'withdraw.ts'), id, '--reason', 'Kiểm thử rò rỉ'],
        {
          cwd: REPO_ROOT,
          env: { PATH: process.env['PATH'], DATA_DIR: dataDir, CONTENT_DIR: contentDir },
        },
      );
      withdrawn.push({
        level,
        id,
        shown: [`KanaryGone${t}Xq`, `8${String(i)}-QĐ/GONE`],
        body: `kanarygonebody${t.toLowerCase()}xq`,
        word: `kanarygoneword${t.toLowerCase()}xq`,
      });
    }
  }
  for (const level of CLASSIFICATIONS) {
    // The password goes in on stdin, as the contract says.
    execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'users.ts'), 'add', `u-${level}`, '--clearance', level],
      { cwd: REPO_ROOT, env: { PATH: process.env['PATH'], DATA_DIR: dataDir }, input: PASSWORD },
    );
  }
  return {
    contentDir,
    withdrawn,
    targetId: idOf('target.md'),
    noteId: idOf('note.txt'),
    canaries,
    conflicts,
  };
}
