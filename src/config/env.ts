/** The environment the contract fixes, validated once. */
import type { BlockList } from 'node:net';
import { BadProxyEntryError, parseTrustedProxies } from '../http/proxy.ts';
import path from 'node:path';
import { z } from 'zod';
import { parseWithFriendlyErrors } from '../schema/validate.ts';

const envSchema = z.object({
  CONTENT_DIR: z.string().min(1).default('./content'),
  DATA_DIR: z.string().min(1).default('./.data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  // The address visitors use (behind a proxy, the proxy's): links in feeds, sitemaps and OAI-PMH.
  PUBLIC_URL: z.url({ error: 'expected the http(s) URL visitors use' }).optional(),
  MEILI_URL: z.url({ error: 'expected an http(s) URL' }).optional(),
  MEILI_MASTER_KEY: z.string().min(1).optional(),
  MEILI_BIN: z.string().min(1).optional(),
  // Set by `npm start` for the pages: the search-only key tenant tokens are signed with.
  MEILI_SEARCH_KEY: z.string().min(1).optional(),
  MEILI_SEARCH_KEY_UID: z.uuid({ error: 'expected the uid of a Meilisearch API key' }).optional(),
  // A search that takes longer is answered 503: a stalled engine must not hang the pages.
  MEILI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(1500),
  // Requests the pages send Meilisearch at once; the rest wait their turn (guard.ts).
  MEILI_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(8),
  // The largest request body read (login and OAI-PMH forms are a few hundred bytes).
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(64 * 1024),
  // Refused reads by anonymous visitors are written as one line per document this often.
  AUDIT_REFUSALS_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  SESSION_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 60),
  SESSION_ABSOLUTE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(8 * 60 * 60),
  OAI_ADMIN_EMAIL: z
    .string()
    .regex(/^\S+@(\S+\.)+\S+$/, { error: 'expected an e-mail address' })
    .default('archive@example.org'),
  FALLBACK_SEARCH: z.enum(['on', 'off'], { error: 'expected on or off' }).default('on'),
  REDIS_URL: z.url({ error: 'expected a redis:// or rediss:// URL' }).optional(),
  TRUST_PROXY: z
    .string()
    .superRefine((value, context) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        // The entry at fault, quoted: a list of twenty ranges is read by a person.
        const entry = error instanceof BadProxyEntryError ? `"${error.entry}" is not one; ` : '';
        context.addIssue({
          code: 'custom',
          message: `${entry}expected IP addresses or CIDR ranges separated by commas`,
        });
      }
    })
    .optional(),
  INDEX_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,200}$/, { error: 'expected letters, digits, "-" or "_"' })
    .default('vankho'),
});

export interface Config {
  contentDir: string;
  dataDir: string;
  host: string;
  port: number;
  /** The origin visitors use, never taken from a request's Host header. */
  publicUrl: string | undefined;
  meiliUrl: string | undefined;
  meiliMasterKey: string | undefined;
  meiliBin: string | undefined;
  indexPrefix: string;
  meiliSearchKey: { key: string; uid: string } | undefined;
  /** The time limit of the pages' requests to Meilisearch, from when each is sent. */
  meiliTimeoutMs: number;
  /** The pages' requests to Meilisearch at once; the rest wait their turn. */
  meiliConcurrency: number;
  /** A request body larger than this is refused with 413, unread. */
  maxBodyBytes: number;
  /** How often counted refusals of anonymous visitors go to the audit trail. */
  refusalTallySeconds: number;
  /** A session ends after this long without a request, and this long after login at the latest. */
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  /** The contact OAI-PMH's Identify names. */
  adminEmail: string;
  /** Sessions, login throttling and the audit trail go to this Redis when set, so that several portal servers share them. */
  redisUrl: string | undefined;
  /** Whether `npm start` keeps a Pagefind edition of the public documents for when Meilisearch is away. */
  fallbackSearch: boolean;
  /** The proxies believed about X-Forwarded-For and X-Forwarded-Proto; none when unset. */
  trustedProxies: BlockList | undefined;
}

/** Where the portal serves its fallback search (server/fallback.ts). */
export const FALLBACK_PATH = '/offline';

/** Reads the configuration from `env` (process.env by default); paths become absolute. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as shells and CI files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = parseWithFriendlyErrors(envSchema, present, 'environment');
  return {
    contentDir: path.resolve(parsed.CONTENT_DIR),
    dataDir: path.resolve(parsed.DATA_DIR),
    host: parsed.HOST,
    port: parsed.PORT,
    publicUrl: parsed.PUBLIC_URL,
    meiliUrl: parsed.MEILI_URL,
    meiliMasterKey: parsed.MEILI_MASTER_KEY,
    meiliBin: parsed.MEILI_BIN,
    indexPrefix: parsed.INDEX_PREFIX,
    meiliSearchKey:
      parsed.MEILI_SEARCH_KEY && parsed.MEILI_SEARCH_KEY_UID
        ? { key: parsed.MEILI_SEARCH_KEY, uid: parsed.MEILI_SEARCH_KEY_UID }
        : undefined,
    meiliTimeoutMs: parsed.MEILI_TIMEOUT_MS,
    meiliConcurrency: parsed.MEILI_CONCURRENCY,
    maxBodyBytes: parsed.MAX_BODY_BYTES,
    refusalTallySeconds: parsed.AUDIT_REFUSALS_SECONDS,
    sessionIdleSeconds: parsed.SESSION_IDLE_SECONDS,
    sessionAbsoluteSeconds: parsed.SESSION_ABSOLUTE_SECONDS,
    adminEmail: parsed.OAI_ADMIN_EMAIL,
    redisUrl: parsed.REDIS_URL,
    fallbackSearch: parsed.FALLBACK_SEARCH === 'on',
    trustedProxies: parseTrustedProxies(parsed.TRUST_PROXY),
  };
}

/** The configuration with `--content-dir`, when given, in place of CONTENT_DIR. */
export function configWithContentDir(contentDir: string | undefined): Config {
  const config = loadConfig();
  return contentDir ? { ...config, contentDir: path.resolve(contentDir) } : config;
}
