/**
 * Search that survives its engine: `npm start` keeps an offline edition of
 * the public documents (npm run export, with its Pagefind index) in
 * DATA_DIR/fallback, rebuilt in a child process whenever the content folder
 * changed, and serves it at /offline/. While Meilisearch is unreachable, the
 * search page offers it to anonymous visitors.
 *
 * It never serves what might no longer be public: while the content folder
 * differs from the one the edition was built from (a withdrawal, a changed
 * classification), /offline/ answers 503 until the rebuild is done.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import sirv from 'sirv';
import { FALLBACK_PATH, type Config } from '../config/env.ts';
import { quickFingerprint } from '../content/fingerprint.ts';
import { logError, logger } from '../log.ts';
import type { Handler } from '../http/guard.ts';

// How long a look at the content folder (a stat per shard folder) is trusted: a search
// fetches dozens of index files, and a withdrawal shows within this time.
const LOOK_EVERY_MS = 250;
const CHECK_EVERY_MS = 60_000;
// Pagefind runs WebAssembly: the edition's pages need it, nothing else of the portal does.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export class FallbackSearch {
  readonly #config: Config;
  readonly #root: string;
  readonly #dir: string;
  readonly #stateFile: string;
  /** The content's quick fingerprint the served edition was built from. */
  #builtFrom: string | undefined;
  #looked: { at: number; quick: string } | undefined;
  #building: ChildProcess | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Stopped with the server: no build starts, and the one running ends without complaint. */
  #stopped = false;

  constructor(config: Config, root: string) {
    this.#config = config;
    this.#root = root;
    this.#dir = path.join(config.dataDir, 'fallback');
    this.#stateFile = path.join(config.dataDir, 'fallback.json');
  }

  /** Reads what the last build recorded, then checks now and every minute. */
  async start(): Promise<void> {
    this.#builtFrom = await fs.readFile(this.#stateFile, 'utf8').then(
      (text) => (JSON.parse(text) as { builtFrom?: string }).builtFrom,
      () => undefined,
    );
    await this.isCurrent();
    this.#timer = setInterval(() => void this.isCurrent(), CHECK_EVERY_MS);
    this.#timer.unref();
  }

  /** Stops checking and ends a build under way; resolves once it has exited. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    const child = this.#building;
    if (!child) return;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    child.kill('SIGTERM');
    await exited;
  }

  /** Whether the served edition matches the content folder now; starts a rebuild when not. */
  async isCurrent(): Promise<boolean> {
    const now = Date.now();
    if (!this.#looked || now - this.#looked.at > LOOK_EVERY_MS) {
      this.#looked = { at: now, quick: await quickFingerprint(this.#config.contentDir) };
    }
    const current = this.#builtFrom !== undefined && this.#builtFrom === this.#looked.quick;
    if (!current) this.#rebuild();
    return current;
  }

  #rebuild(): void {
    if (this.#building || this.#stopped) return;
    const started = performance.now();
    const from = this.#looked?.quick;
    const child = spawn(
      process.execPath,
      [
        path.join(this.#root, 'scripts', 'export.ts'),
        '--out',
        this.#dir,
        '--content-dir',
        this.#config.contentDir,
        '--fallback',
      ],
      { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#building = child;
    // Below the portal: answering visitors comes first.
    if (child.pid !== undefined) os.setPriority(child.pid, 10);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code) => {
      this.#building = undefined;
      // Ended by stop(): the next start builds again.
      if (this.#stopped) return;
      if (code !== 0 || from === undefined) {
        logError(
          'The fallback search could not be rebuilt; it is tried again within a minute',
          new Error(`npm run export exited with ${String(code)}: ${output.trim()}`),
        );
        return;
      }
      this.#builtFrom = from;
      void fs
        .writeFile(this.#stateFile, JSON.stringify({ builtFrom: from }))
        .catch((error: unknown) => {
          logError('Failed to record the fallback search build', error);
        });
      logger.info(
        { seconds: Math.round((performance.now() - started) / 100) / 10 },
        'fallback search rebuilt',
      );
      // The content may have changed while it was built.
      void this.isCurrent();
    });
  }

  /** Serves /offline/ from the edition while it is current; everything else goes to `next`. */
  handler(next: Handler): Handler {
    const serve = sirv(this.#dir, {
      // The edition is replaced as a whole on each rebuild: look at the folder on each request.
      dev: true,
      etag: true,
      setHeaders: (res) => {
        res.setHeader('Content-Security-Policy', CSP);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cache-Control', 'no-cache');
      },
    });
    return (req, res) => {
      const url = req.url ?? '/';
      if (url !== FALLBACK_PATH && !url.startsWith(`${FALLBACK_PATH}/`)) {
        next(req, res);
        return;
      }
      void this.isCurrent().then(
        (current) => {
          if (!current) {
            unavailable(res, 'The backup search is being rebuilt; try again in a minute.');
            return;
          }
          req.url = url.slice(FALLBACK_PATH.length) || '/';
          serve(req, res, () => {
            res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
            res.end('Not found');
          });
        },
        (error: unknown) => {
          logError('Failed to look at the content folder', error);
          unavailable(res, 'The backup search is unavailable.');
        },
      );
    };
  }
}

function unavailable(res: http.ServerResponse, message: string): void {
  res.writeHead(503, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Retry-After': '60',
  });
  res.end(message);
}
