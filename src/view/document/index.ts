export {
  citedLinks,
  withShared,
  type DocumentModel,
  type Figure,
  type LinkedDocument,
} from './model.ts';
export { documentBottom, documentFigures, documentTop } from './components.ts';
export { documentHead } from './head.ts';
export { tombstone } from './tombstone.ts';
export { versionDiff, versionList, type VersionLinks } from './versions.ts';
export { writeEditionStyles } from './styles.ts';
