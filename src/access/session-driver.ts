/**
 * Where Astro keeps sessions, chosen when the server starts rather than when
 * the site is built: Redis when REDIS_URL is set, so that several portal
 * servers share them, otherwise files in DATA_DIR/sessions.
 */
import fs from 'node:fs';
import type { Redis } from 'ioredis';
import path from 'node:path';
import fsLiteDriver from 'unstorage/drivers/fs-lite';
import redisDriver from 'unstorage/drivers/redis';
import { loadConfig } from '../config/env.ts';
import { REDIS_OPTIONS, redisKey, reportOutages } from './redis.ts';

export function sessionDirectory(dataDir: string): string {
  return path.join(dataDir, 'sessions');
}

export default function sessionDriver() {
  const config = loadConfig();
  if (config.redisUrl) {
    const driver = redisDriver({
      ...REDIS_OPTIONS,
      url: config.redisUrl,
      // Connected when the server starts, not by the first signed-in request.
      preConnect: true,
      base: redisKey(config, 'sessions'),
      // Redis forgets a session by itself once no login could still be valid.
      ttl: config.sessionAbsoluteSeconds,
    });
    reportOutages(driver.getInstance?.() as Redis, 'sessions');
    return driver;
  }
  const base = sessionDirectory(config.dataDir);
  // A session file's name is its id, as good as a password: only this user may list them.
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  return fsLiteDriver({ base });
}
