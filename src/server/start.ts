/**
 * `npm start`: reach Meilisearch, index when the content changed, build when
 * the sources changed, then serve the portal until SIGINT or SIGTERM.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/env.ts';
import { createClient } from '../meili/client.ts';
import { startMeili } from '../meili/server.ts';
import { superviseMeili, type Supervisor } from '../meili/supervisor.ts';
import { ensureSearchKey } from '../meili/keys.ts';
import { ensureIndexed, type IndexTarget } from '../meili/sync.ts';
import { applyDueDeclassifications } from '../ingest/declassify.ts';
import { pruneSessions } from '../access/visitor.ts';
import { openAuditTrail, type AuditTrail } from '../access/audit.ts';
import { guardRequests, type Handler } from '../http/guard.ts';
import { logRequests } from '../http/request-log.ts';
import { logError } from '../log.ts';
import { FallbackSearch } from './fallback.ts';
import { ensureBuilt } from './build.ts';
import { runShutdown } from './shutdown.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Applies the declassifications due now, logging what it did. A failure (an
 * ingest holding the content folder, the engine away) is logged with its cause
 * and tried again at the next check: documents stay at their stricter level meanwhile.
 */
async function declassifyDue(
  target: IndexTarget,
  audit: AuditTrail,
  log: (line: string) => void,
): Promise<void> {
  try {
    const { applied, problems } = await applyDueDeclassifications(target, { audit });
    for (const { id, from, to, on } of applied)
      log(`declassified ${id}: ${from} → ${to} (due ${on})`);
    for (const { id, reason } of problems) log(`not declassified: ${id}: ${reason}`);
  } catch (error) {
    logError('Scheduled declassification failed; it is tried again within the hour', error);
  }
}

export interface RunningPortal {
  url: string;
  stop(): Promise<void>;
}

export async function startPortal(
  config: Config,
  root: string,
  log: (line: string) => void,
): Promise<RunningPortal> {
  const meili = await startMeili(config);
  let supervisor: Supervisor | undefined;
  let fallback: FallbackSearch | undefined;
  try {
    log(
      meili.managed
        ? `Meilisearch started at ${meili.url}`
        : meili.pid === undefined
          ? `Using Meilisearch at ${meili.url}`
          : `Using the Meilisearch another process started for this data folder at ${meili.url}`,
    );
    const target = {
      client: createClient(meili.url, meili.masterKey),
      prefix: config.indexPrefix,
      contentDir: config.contentDir,
      dataDir: config.dataDir,
    };
    const indexed = await ensureIndexed(target);
    for (const { file, reason } of indexed.invalid)
      log(`left out of the index: ${file}: ${reason}`);
    log(
      indexed.rebuilt
        ? `Indexed ${String(indexed.documents)} documents from ${config.contentDir}`
        : `Index is current (${String(indexed.documents)} documents)`,
    );
    // Declassifications that fell due while the portal was down, then every hour.
    const audit = openAuditTrail(config);
    await declassifyDue(target, audit, log);
    const hourly = setInterval(() => void declassifyDue(target, audit, log), HOUR_MS);
    hourly.unref();
    const searchKey = await ensureSearchKey(target.client, config.indexPrefix);
    await pruneSessions(config);
    await ensureBuilt(root, log);

    // The server reads its settings from the environment at request time.
    Object.assign(process.env, {
      MEILI_URL: meili.url,
      MEILI_SEARCH_KEY: searchKey.key,
      MEILI_SEARCH_KEY_UID: searchKey.uid,
      CONTENT_DIR: config.contentDir,
      DATA_DIR: config.dataDir,
      INDEX_PREFIX: config.indexPrefix,
      ASTRO_NODE_AUTOSTART: 'disabled',
    });
    supervisor = superviseMeili(config, meili, log);
    const watching = supervisor;
    const entry = pathToFileURL(path.join(root, 'dist', 'server', 'entry.mjs')).href;
    const { handler } = (await import(entry)) as { handler: Handler };
    // The public edition that stands in for search while Meilisearch is away, built in the background.
    fallback = config.fallbackSearch ? new FallbackSearch(config, root) : undefined;
    await fallback?.start();
    const server = http.createServer(
      logRequests(
        guardRequests(
          fallback?.handler(handler) ?? handler,
          config.maxBodyBytes,
          config.trustedProxies,
        ),
        config.trustedProxies,
      ),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(
                `Port ${String(config.port)} on ${config.host} is in use; set PORT to another port`,
                { cause: error },
              )
            : error,
        );
      });
      server.listen(config.port, config.host, resolve);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    // The pages build absolute links from this, not from a request's Host header. Listening
    // on every address says nothing about the name visitors use: the machine's name stands in.
    const wildcard = config.host === '0.0.0.0' || config.host === '::';
    if (wildcard && !config.publicUrl) {
      log(`PUBLIC_URL is not set: links in feeds, sitemaps and OAI-PMH name ${os.hostname()}`);
    }
    process.env['PUBLIC_URL'] =
      config.publicUrl ?? `http://${wildcard ? os.hostname() : host}:${String(port)}`;
    return {
      url: `http://${host}:${String(port)}/`,
      stop: async () => {
        clearInterval(hourly);
        await fallback?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
          server.closeAllConnections();
        });
        // Counted audit records are written while the trail's lock can still be had.
        await runShutdown();
        await watching.stop();
      },
    };
  } catch (error) {
    await fallback?.stop();
    await (supervisor ?? meili).stop();
    throw error;
  }
}
