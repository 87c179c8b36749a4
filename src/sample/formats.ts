/**
 * Writers that turn one sample document into the raw files an archive would
 * hold: a typed text with a header block, Markdown with front matter, a web
 * page, a Word file, a PDF or a photograph, each with the metadata a
 * person would have supplied beside it.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import YAML from 'yaml';
import { TYPE_WORDS } from './corpus.ts';
import { writeDocx } from './docx.ts';
import type { SampleDocument } from './model.ts';

export type SampleFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'jpg';

export interface SampleFile {
  path: string;
  data: string | Uint8Array;
}

/** Metadata a person gives beside a file: what the text itself cannot say. */
function sidecarFields(doc: SampleDocument): Record<string, unknown> {
  return {
    issuer: doc.issuer,
    classification: doc.classification,
    status: doc.status,
    subjects: doc.subjects,
  };
}

function headerLines(doc: SampleDocument): string[] {
  if (doc.language === 'vi') {
    const [y, m, d] = doc.issued.split('-').map(Number) as [number, number, number];
    return [
      doc.issuer.toLocaleUpperCase('vi'),
      ...(doc.number ? [`Số: ${doc.number}`] : []),
      `${doc.city}, ngày ${String(d)} tháng ${String(m)} năm ${String(y)}`,
    ];
  }
  return [
    doc.issuer.toUpperCase(),
    ...(doc.number ? [`No. ${doc.number}`] : []),
    `${doc.city}, ${doc.issued}`,
  ];
}

function plainBody(doc: SampleDocument): string {
  return [doc.citation, ...doc.sections.flatMap((s) => [s.heading, ...s.paragraphs])]
    .filter(Boolean)
    .join('\n\n');
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );
}

function txt(doc: SampleDocument, stem: string): SampleFile[] {
  const titleBlock =
    doc.language === 'vi'
      ? [TYPE_WORDS[doc.type].caps, `Về ${doc.topicText}`].join('\n')
      : doc.title;
  const text = `${headerLines(doc).join('\n')}\n\n${titleBlock}\n\n${plainBody(doc)}\n`;
  return [
    { path: `${stem}.txt`, data: text },
    { path: `${stem}.txt.meta.yaml`, data: YAML.stringify(sidecarFields(doc)) },
  ];
}

function md(doc: SampleDocument, stem: string): SampleFile[] {
  const front = {
    title: doc.title,
    type: doc.type,
    ...sidecarFields(doc),
    issued: doc.issued,
    summary: doc.summary,
  };
  const numberLine = doc.number ? `Số: ${doc.number} — ${headerLines(doc).at(-1) ?? ''}\n\n` : '';
  const body = [doc.citation, ...doc.sections.flatMap((s) => [`## ${s.heading}`, ...s.paragraphs])]
    .filter(Boolean)
    .join('\n\n');
  return [
    {
      path: `${stem}.md`,
      data: `---\n${YAML.stringify(front)}---\n\n# ${doc.title}\n\n${numberLine}${body}\n`,
    },
  ];
}

function html(doc: SampleDocument, stem: string): SampleFile[] {
  const sections = doc.sections
    .map(
      (s) =>
        `<h2>${escapeHtml(s.heading)}</h2>\n${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`,
    )
    .join('\n');
  const page = `<!doctype html>
<html lang="${doc.language}">
<head><meta charset="utf-8"><title>${escapeHtml(doc.issuer)}</title></head>
<body>
<header><a href="/">${escapeHtml(doc.issuer)}</a> <nav><a href="/van-ban">Văn bản</a> <a href="/lien-he">Liên hệ</a></nav></header>
<main>
<h1>${escapeHtml(doc.title)}</h1>
${headerLines(doc)
  .map((line) => `<p>${escapeHtml(line)}</p>`)
  .join('\n')}
${doc.citation ? `<p>${escapeHtml(doc.citation)}</p>` : ''}
${sections}
</main>
<footer>© ${escapeHtml(doc.issuer)}</footer>
</body>
</html>
`;
  return [
    { path: `${stem}.html`, data: page },
    {
      path: `${stem}.html.meta.json`,
      data: `${JSON.stringify({ ...sidecarFields(doc), type: doc.type })}\n`,
    },
  ];
}

async function docx(doc: SampleDocument, stem: string): Promise<SampleFile[]> {
  const data = await writeDocx(
    [
      { text: doc.title, heading: 1 },
      ...headerLines(doc).map((text) => ({ text })),
      ...(doc.citation ? [{ text: doc.citation }] : []),
      ...doc.sections.flatMap((s) => [
        { text: s.heading, heading: 2 as const },
        ...s.paragraphs.map((text) => ({ text })),
      ]),
    ],
    new Date(`${doc.issued}T08:00:00Z`),
  );
  return [
    { path: `${stem}.docx`, data },
    {
      path: `${stem}.docx.meta.yaml`,
      data: YAML.stringify({ ...sidecarFields(doc), type: doc.type, issued: doc.issued }),
    },
  ];
}

/** English only: the standard PDF fonts cannot write Vietnamese or Hindi. */
async function pdf(doc: SampleDocument, stem: string): Promise<SampleFile[]> {
  const file = await PDFDocument.create();
  const font = await file.embedFont(StandardFonts.Helvetica);
  const lines = [...headerLines(doc), '', doc.title, '', ...plainBody(doc).split('\n')].flatMap(
    (line) => wrap(line, 90),
  );
  for (let start = 0; start < lines.length; start += 50) {
    const page = file.addPage([595, 842]);
    lines.slice(start, start + 50).forEach((line, i) => {
      page.drawText(winAnsi(line), { x: 50, y: 792 - i * 14, size: 10, font });
    });
  }
  // Fixed metadata: the same document gives the same bytes.
  const date = new Date(`${doc.issued}T08:00:00Z`);
  file.setTitle(doc.title);
  file.setCreationDate(date);
  file.setModificationDate(date);
  file.setProducer('Văn khố sample generator');
  file.setCreator('Văn khố sample generator');
  return [
    { path: `${stem}.pdf`, data: await file.save({ useObjectStreams: false }) },
    {
      path: `${stem}.pdf.meta.yaml`,
      data: YAML.stringify({
        ...sidecarFields(doc),
        title: doc.title,
        type: doc.type,
        issued: doc.issued,
      }),
    },
  ];
}

/** What the standard fonts can draw: diacritics dropped, Đ as D, anything else as "?". */
function winAnsi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/gu, '?');
}

function wrap(text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Which of the 3,600 photographs a document gets (hue from 360, position from
 * 400): documents whose seeds differ by a multiple of 3,600 have the same
 * bytes, and an ingest joins such a copy to its twin.
 */
export function photoVariant(seed: number): number {
  return seed % 3600;
}

/** The title an ingest gives a photograph: its sidecar's; it has no text. */
function photoTitle(doc: SampleDocument): string {
  return doc.language === 'vi' ? `Ảnh tư liệu: ${doc.topicText}` : `Photograph: ${doc.topicText}`;
}

/** A photograph of an event: coloured shapes, a few tens of kilobytes. */
async function jpg(doc: SampleDocument, stem: string): Promise<SampleFile[]> {
  const variant = photoVariant(doc.seed);
  const hue = (variant * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
<rect width="640" height="480" fill="hsl(${String(hue)},35%,55%)"/>
<circle cx="${String(120 + (variant % 400))}" cy="200" r="90" fill="hsl(${String((hue + 120) % 360)},45%,45%)"/>
<rect x="60" y="330" width="520" height="90" fill="hsl(${String((hue + 240) % 360)},30%,35%)"/>
</svg>`;
  const data = await sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
  const title = photoTitle(doc);
  return [
    { path: `${stem}.jpg`, data },
    {
      path: `${stem}.jpg.meta.yaml`,
      data: YAML.stringify({ ...sidecarFields(doc), title, type: 'image', issued: doc.issued }),
    },
  ];
}

/**
 * What an ingest reads from a document written in this format, without
 * rendering it: its title, its whole text (header, title, body) and the summary
 * only Markdown's front matter gives; a photograph has its sidecar's title and
 * no text.
 */
export function sampleReading(
  doc: SampleDocument,
  format: SampleFormat,
): { title: string; text: string; summary: string | undefined } {
  if (format === 'jpg') return { title: photoTitle(doc), text: '', summary: undefined };
  return {
    title: doc.title,
    text: [...headerLines(doc), doc.title, plainBody(doc)].join('\n\n'),
    summary: format === 'md' ? doc.summary : undefined,
  };
}

export function renderSample(
  doc: SampleDocument,
  format: SampleFormat,
  stem: string,
): Promise<SampleFile[]> | SampleFile[] {
  switch (format) {
    case 'txt':
      return txt(doc, stem);
    case 'md':
      return md(doc, stem);
    case 'html':
      return html(doc, stem);
    case 'docx':
      return docx(doc, stem);
    case 'pdf':
      return pdf(doc, stem);
    case 'jpg':
      return jpg(doc, stem);
  }
}
