/**
 * A plain static file server, as an office would put the offline edition on:
 * files as they are, no compression, `index.html` for folders.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

/** What the server has sent: every request answered, and every byte written, headers included. */
export interface Traffic {
  requests: number;
  bytes: number;
  /** The paths asked for, in order. */
  paths: string[];
}

export interface StaticServer {
  url: string;
  /** Counted at the server, so that nothing a browser leaves out of its own figures (a web worker's script) is missed. */
  traffic: () => Traffic;
  close: () => Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const sockets = new Set<Socket>();
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    paths.push(url.pathname);
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (file !== base && !file.startsWith(`${base}${path.sep}`)) {
      res.writeHead(403).end();
      return;
    }
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  // A socket's count stays readable after it closes.
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    traffic: () => ({
      requests: paths.length,
      bytes: [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0),
      paths: [...paths],
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
