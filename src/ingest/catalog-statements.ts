/**
 * The catalog's tables and the statements it runs on them (catalog.ts).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

// `cites` holds every citation by number with the target it resolved to (or
// NULL), so that a run can tell which citations a new document changes without
// reading any file. How many documents share a number is not kept: it is
// counted when a page shows it, for that reader (search/documents.ts), so a
// new document with a cited number rewrites only citers whose target changes. Sources and
// stamps are keyed by collection and path ('' for files ingested before
// collections): two collections may hold the same relative path. The temporary tables hold
// what one run saw, touched, found copied or stale, and deferred; SQLite keeps them in a temporary file
// beyond a small cache, where a million ids and number keys in JavaScript sets held ~160 MB of
// the run's heap. `written` lists the documents the last run wrote: kept past the run, for the
// index update that follows it.
export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, number_key TEXT, input_hash TEXT NOT NULL, issuer TEXT, issued TEXT, needs_ocr INTEGER NOT NULL DEFAULT 0, collection TEXT NOT NULL DEFAULT '', withdrawn INTEGER NOT NULL DEFAULT 0);
  CREATE INDEX IF NOT EXISTS documents_number ON documents (number_key);
  CREATE TABLE IF NOT EXISTS sources (collection TEXT NOT NULL, path TEXT NOT NULL, id TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (collection, path));
  CREATE INDEX IF NOT EXISTS sources_sha ON sources (sha256);
  CREATE INDEX IF NOT EXISTS sources_id ON sources (id);
  CREATE TABLE IF NOT EXISTS cites (target_key TEXT NOT NULL, id TEXT NOT NULL, resolved TEXT, PRIMARY KEY (target_key, id));
  CREATE INDEX IF NOT EXISTS cites_id ON cites (id);
  CREATE TABLE IF NOT EXISTS stamps (collection TEXT NOT NULL, path TEXT NOT NULL, stamp TEXT NOT NULL, PRIMARY KEY (collection, path));
  CREATE TABLE IF NOT EXISTS written (id TEXT NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS seen (path TEXT PRIMARY KEY);
  CREATE TEMP TABLE IF NOT EXISTS touched (key TEXT NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS copies (owner TEXT NOT NULL, path TEXT NOT NULL, copy TEXT NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS stale (id TEXT NOT NULL, key TEXT NOT NULL, chosen TEXT);
  CREATE TEMP TABLE IF NOT EXISTS deferred (doc TEXT NOT NULL);
`;

/** The documents a run wrote, each once, in the order first written. */
export const WRITTEN = 'SELECT id FROM written GROUP BY id ORDER BY MIN(rowid)';

export function prepareStatements(db: DatabaseSync) {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  return {
    candidates: prepare('SELECT id, issuer, issued FROM documents WHERE number_key = ?'),
    known: prepare('SELECT 1 FROM documents WHERE id = ?'),
    inputHash: prepare(
      'SELECT d.input_hash AS hash FROM sources s JOIN documents d ON d.id = s.id WHERE s.collection = ? AND s.path = ? AND s.id = ?',
    ),
    bytes: prepare('SELECT id FROM sources WHERE sha256 = ? ORDER BY id LIMIT 1'),
    collectionOf: prepare('SELECT collection FROM documents WHERE id = ?'),
    citers: prepare(
      'SELECT c.id AS id, c.resolved AS resolved, d.issuer AS issuer FROM cites c JOIN documents d ON d.id = c.id WHERE c.target_key = ?',
    ),
    citedKeys: prepare('SELECT DISTINCT target_key AS key FROM cites'),
    relink: prepare('UPDATE cites SET resolved = ? WHERE target_key = ? AND id = ?'),
    clearStale: prepare('DELETE FROM stale'),
    putStale: prepare('INSERT INTO stale (id, key, chosen) VALUES (?, ?, ?)'),
    // By citer, in id order: a citer's stale citations are one rewrite, and files are read
    // shard after shard.
    staleLinks: prepare('SELECT id, key, chosen FROM stale ORDER BY id, key'),
    putDocument: prepare(
      'INSERT OR REPLACE INTO documents (id, number_key, input_hash, issuer, issued, needs_ocr, collection, withdrawn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    awaitsOcr: prepare(
      'SELECT 1 FROM sources s JOIN documents d ON d.id = s.id WHERE s.collection = ? AND s.path = ? AND d.needs_ocr = 1',
    ),
    clearSources: prepare('DELETE FROM sources WHERE id = ?'),
    putSource: prepare(
      'INSERT OR REPLACE INTO sources (collection, path, id, sha256) VALUES (?, ?, ?, ?)',
    ),
    clearCites: prepare('DELETE FROM cites WHERE id = ?'),
    putCite: prepare('INSERT OR REPLACE INTO cites (target_key, id, resolved) VALUES (?, ?, ?)'),
    getStamp: prepare(
      'SELECT t.stamp AS stamp FROM stamps t JOIN sources s ON s.collection = t.collection AND s.path = t.path WHERE t.collection = ? AND t.path = ? AND s.id = ?',
    ),
    putStamp: prepare('INSERT OR REPLACE INTO stamps (collection, path, stamp) VALUES (?, ?, ?)'),
    markSeen: prepare('INSERT OR IGNORE INTO seen (path) VALUES (?)'),
    // Appended without a key: a million ids and a million number keys took 13–18 s of CPU to
    // insert under a key, ~2 s appended. Repeats are dropped when they are read.
    markWritten: prepare('INSERT INTO written (id) VALUES (?)'),
    written: prepare(WRITTEN),
    writtenCount: prepare('SELECT COUNT(DISTINCT id) AS count FROM written'),
    clearWritten: prepare('DELETE FROM written'),
    wroteAny: prepare('SELECT 1 FROM written LIMIT 1'),
    touch: prepare('INSERT INTO touched (key) VALUES (?)'),
    touchedKeys: prepare('SELECT DISTINCT key FROM touched'),
    putCopy: prepare('INSERT INTO copies (owner, path, copy) VALUES (?, ?, ?)'),
    copiesByOwner: prepare('SELECT copy FROM copies ORDER BY owner, rowid'),
    copiesFound: prepare('SELECT path, owner FROM copies ORDER BY rowid'),
    putDeferred: prepare('INSERT INTO deferred (doc) VALUES (?)'),
    deferred: prepare('SELECT doc FROM deferred ORDER BY rowid'),
    clearDeferred: prepare('DELETE FROM deferred'),
    // Documents of a collection none of whose sources was seen in this run, and that no other collection holds.
    gone: prepare(
      `SELECT d.id AS id, MIN(s.path) AS path FROM documents d JOIN sources s ON s.id = d.id
       WHERE d.collection = ? AND d.withdrawn = 0
       GROUP BY d.id
       HAVING SUM(s.collection = d.collection AND s.path IN (SELECT path FROM seen)) = 0
          AND SUM(s.collection <> d.collection) = 0
       ORDER BY path`,
    ),
    getMeta: prepare('SELECT value FROM meta WHERE key = ?'),
    putMeta: prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };
}

/** The catalog's prepared statements, shared by the catalog, its run record and its citations. */
export type CatalogStatements = ReturnType<typeof prepareStatements>;
