/** npm start: serves the portal on CONTENT_DIR until Ctrl-C. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError } from '../src/cli/args.ts';
import { loadConfig } from '../src/config/env.ts';
import { logger } from '../src/log.ts';
import { startPortal } from '../src/server/start.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

try {
  const portal = await startPortal(loadConfig(), root, (line) => {
    logger.info(line);
  });
  logger.info({ url: portal.url }, `Văn khố is ready at ${portal.url} (Ctrl-C to stop)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping…`);
    portal.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(describeError(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
} catch (error) {
  console.error(describeError(error));
  process.exit(2);
}
