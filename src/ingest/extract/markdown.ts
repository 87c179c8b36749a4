/** Markdown: parsed with remark, front matter included. */
import { parseMarkdown } from '../../content/markdown.ts';
import { splitFrontMatter } from '../../content/store.ts';
import { decodeBytes } from './decode.ts';
import { RejectedFileError, type Extractor } from './types.ts';

export const extractMarkdown: Extractor = (bytes, source) => {
  let parsed;
  try {
    parsed = splitFrontMatter(decodeBytes(bytes).text, source);
  } catch (cause) {
    if (cause instanceof RejectedFileError) throw cause;
    throw new RejectedFileError((cause as Error).message.replace(`${source}: `, ''), { cause });
  }
  const { data, body } = parsed;
  const tree = parseMarkdown(body);
  if (tree.children.length === 0 && data === undefined) throw new RejectedFileError('empty file');
  return { format: 'md', tree, declared: data };
};
