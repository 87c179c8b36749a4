/**
 * Who is asking: the one place that turns a request's session into a visitor
 * and a clearance. Every read path takes the clearance from here.
 *
 * A session holds only the account name and two times. The clearance is read
 * from the account store on every request, so a changed clearance, a removed
 * account or a new password takes effect at once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AstroCookies, AstroSession } from 'astro';
import { loadConfig, type Config } from '../config/env.ts';
import { AccountStore, type Account } from './accounts.ts';
import { onShutdown } from '../server/shutdown.ts';
import { isHttps } from '../http/proxy.ts';
import { openAuditTrail, type AuditTrail } from './audit.ts';
import { RefusalTally } from './refusals.ts';
import { failureCounter, type FailureCounter } from './throttle.ts';
import { ANONYMOUS, type Clearance } from './clearance.ts';
import { sessionDirectory } from './session-driver.ts';

export interface Visitor {
  /** The account name; undefined for anonymous visitors. */
  user: string | undefined;
  clearance: Clearance;
}

export const ANONYMOUS_VISITOR: Visitor = { user: undefined, clearance: ANONYMOUS };
export { SESSION_COOKIE } from './session-cookie.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
const SESSION_KEY = 'auth';
/** lastSeen is written at most this often, so that reading pages rarely writes the store. */
const TOUCH_EVERY_MS = 60 * 1000;

function touchEvery(idleSeconds: number): number {
  return Math.min(TOUCH_EVERY_MS, (idleSeconds * 1000) / 4);
}

interface SessionAuth {
  user: string;
  loginAt: number;
  lastSeen: number;
}

/** What a request handler has for sessions: Astro's API context, or a page's Astro global. */
export interface RequestContext {
  session?: AstroSession | undefined;
  cookies: AstroCookies;
  url: URL;
  request: Request;
}

interface AccessServices {
  config: Config;
  accounts: AccountStore;
  failures: FailureCounter;
  audit: AuditTrail;
  refusals: RefusalTally;
}

let services: AccessServices | undefined;

/** The account store and the audit trail of this server's DATA_DIR, opened once. */
export function accessServices(): AccessServices {
  if (services) return services;
  const config = loadConfig();
  const audit = openAuditTrail(config);
  const refusals = new RefusalTally(audit, config.refusalTallySeconds * 1000);
  // Counted refusals are written, and a record being written (a login) is written whole.
  onShutdown(async () => {
    await refusals.close();
    await audit.settled();
  });
  const accounts = new AccountStore(config.dataDir);
  services = { config, accounts, failures: failureCounter(config, accounts), audit, refusals };
  return services;
}

export async function visitorOf(context: RequestContext, now = Date.now()): Promise<Visitor> {
  const { session, cookies } = context;
  // No cookie, no session: anonymous requests never touch the session store.
  if (!session || !cookies.has(SESSION_COOKIE)) return ANONYMOUS_VISITOR;
  const auth = await session.get<SessionAuth>(SESSION_KEY);
  if (!auth) return ANONYMOUS_VISITOR;
  const { config, accounts } = accessServices();
  const account = accounts.get(auth.user);
  const expired =
    now - auth.lastSeen > config.sessionIdleSeconds * 1000 ||
    now - auth.loginAt > config.sessionAbsoluteSeconds * 1000;
  if (expired || !account || account.passwordChanged > auth.loginAt) {
    session.destroy();
    return ANONYMOUS_VISITOR;
  }
  if (now - auth.lastSeen > touchEvery(config.sessionIdleSeconds)) {
    writeSession(context, { ...auth, lastSeen: now });
  }
  return { user: account.name, clearance: account.clearance };
}

/** Starts a fresh session for `account`: a new id, so a planted one is worth nothing. */
export async function startSession(context: RequestContext, account: Account): Promise<void> {
  const session = requireSession(context);
  await session.regenerate();
  const now = Date.now();
  writeSession(context, { user: account.name, loginAt: now, lastSeen: now });
}

export function endSession(context: RequestContext): void {
  requireSession(context).destroy();
}

function writeSession(context: RequestContext, auth: SessionAuth): void {
  const session = requireSession(context);
  session.set(SESSION_KEY, auth);
  // Astro would mark it Secure in every production build, and a browser drops such a
  // cookie over plain HTTP on an intranet: it is Secure exactly when served over HTTPS.
  if (session.sessionID) {
    context.cookies.set(SESSION_COOKIE, session.sessionID, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: isHttps(context.request, context.url),
    });
  }
}

function requireSession(context: RequestContext): AstroSession {
  if (!context.session) throw new Error('Sessions are not configured (astro.config.mjs)');
  return context.session;
}

/** Removes session files older than the absolute timeout (Redis entries expire by their ttl). */
export async function pruneSessions(config: Config, now = Date.now()): Promise<number> {
  if (config.redisUrl) return 0;
  const directory = sessionDirectory(config.dataDir);
  const names = await fs.readdir(directory).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  let removed = 0;
  for (const name of names) {
    const file = path.join(directory, name);
    const stat = await fs.stat(file);
    if (now - stat.mtimeMs > config.sessionAbsoluteSeconds * 1000) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
