/** DOCX: checked for zip bombs, converted by mammoth (headings kept), then read as HTML. */
import mammoth from 'mammoth';
import { htmlToTree } from './html.ts';
import { RejectedFileError, type Extractor } from './types.ts';
import { checkZip } from './zip.ts';

export const extractDocx: Extractor = async (bytes) => {
  await checkZip(bytes);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        // A document must never make us read files outside it.
        externalFileAccess: false,
        // Embedded images would become huge data URLs in the text; the original keeps them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
  } catch (cause) {
    throw new RejectedFileError(`not a readable DOCX document: ${(cause as Error).message}`, {
      cause,
    });
  }
  const { tree } = await htmlToTree(`<body>${html}</body>`);
  if (tree.children.length === 0) throw new RejectedFileError('DOCX document without any text');
  return { format: 'docx', tree };
};
