/** Markdown: parsed with remark, front matter included. */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitFrontMatter } from '../../content/store.ts';
import { decodeBytes } from './decode.ts';
import { RejectedFileError, type Extractor } from './types.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

export const extractMarkdown: Extractor = (bytes, source) => {
  let parsed;
  try {
    parsed = splitFrontMatter(decodeBytes(bytes).text, source);
  } catch (cause) {
    if (cause instanceof RejectedFileError) throw cause;
    throw new RejectedFileError((cause as Error).message.replace(`${source}: `, ''), { cause });
  }
  const { data, body } = parsed;
  const tree = parser.parse(body);
  if (tree.children.length === 0 && data === undefined) throw new RejectedFileError('empty file');
  return { format: 'md', tree, declared: data };
};
