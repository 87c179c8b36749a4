// Runs before `npm start` (prestart), in plain JavaScript so that an old Node reads it: the
// portal's own scripts are TypeScript, which Node before 22.12 cannot load ("ERR_UNKNOWN_FILE_EXTENSION").
import { readFileSync } from 'node:fs';

const wanted = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines
  .node;
const [, major, minor] = /^>=(\d+)\.(\d+)/.exec(wanted) ?? [];
const [have, haveMinor] = process.versions.node.split('.').map(Number);
if (have < Number(major) || (have === Number(major) && haveMinor < Number(minor))) {
  console.error(
    `Văn khố needs Node.js ${major}.${minor} or newer (package.json engines: "${wanted}"); this is ${process.versions.node}. ` +
      'Install Node 24 LTS, for example: npm install -g --prefix "$HOME/.node24" node@24, then put "$HOME/.node24/bin" first on PATH.',
  );
  process.exit(1);
}
