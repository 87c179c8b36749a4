// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { fontOrderPlugin } from './src/view/fonts.ts';

// The portal is server-rendered: pages read one document on request, so the
// archive never has to fit into a build or into memory.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: {
    host: process.env['HOST'] ?? '127.0.0.1',
    port: Number(process.env['PORT'] ?? 4321),
  },
  // src/middleware.ts checks the origin of every state change, forms and JSON alike;
  // Astro's own check (forms only) would also refuse OAI-PMH harvesters' POSTs.
  security: { checkOrigin: false },
  session: {
    // The driver reads DATA_DIR and REDIS_URL when the server starts, not at build time.
    driver: { entrypoint: new URL('./src/access/session-driver.ts', import.meta.url) },
    // Secure is set per request by src/access/visitor.ts: exactly when served over HTTPS.
    cookie: { name: 'vankho-session', sameSite: 'lax', secure: false },
  },
  vite: {
    // Nothing inlined: the Content-Security-Policy allows scripts from our own files only
    // (src/middleware.ts), and Astro inlines a script smaller than this limit.
    build: { sourcemap: false, assetsInlineLimit: 0 },
    plugins: [fontOrderPlugin()],
  },
});
