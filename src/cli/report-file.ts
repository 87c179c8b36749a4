/**
 * The `--report` file of an ingest run, written as the run goes: each file's
 * entry is appended to a temporary list of its outcome, and the lists are
 * joined into the contract's JSON at the end, so that a run over a million
 * files holds none of them in memory.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import type { Rejection } from '../ingest/discover.ts';
import type { ReportEntry } from '../ingest/pipeline.ts';

const STREAMED = ['ingested', 'unchanged'] as const;
type Streamed = (typeof STREAMED)[number];

export class ReportFile {
  readonly #file: string;
  readonly #lists: Record<Streamed, { path: string; out: fs.WriteStream }>;

  constructor(file: string) {
    this.#file = file;
    const list = (name: Streamed) => {
      const path = `${file}.${name}.tmp`;
      return { path, out: fs.createWriteStream(path) };
    };
    this.#lists = { ingested: list('ingested'), unchanged: list('unchanged') };
  }

  add(entry: ReportEntry): void {
    // Rejections are few and kept by the run, sorted: written at the end.
    if (entry.outcome === 'rejected') return;
    this.#lists[entry.outcome].out.write(
      `${JSON.stringify({ source: entry.source, id: entry.id })}\n`,
    );
  }

  /** Joins the lists with the rejections and conflicts into the report, and removes the lists. */
  async finish(rest: {
    rejected: Rejection[];
    conflicts: unknown[];
    sync?: { withdrawn: unknown[] } | undefined;
  }): Promise<void> {
    for (const { out } of Object.values(this.#lists)) {
      out.end();
      await once(out, 'finish');
    }
    const out = fs.createWriteStream(this.#file);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    // One entry a line: `"name": [\n    {…},\n    {…}\n  ]`.
    const array = async (
      name: string,
      lines: AsyncIterable<string> | Iterable<string>,
      last: boolean,
    ) => {
      await write(`  "${name}": [`);
      let first = true;
      for await (const line of lines) {
        await write(`${first ? '\n' : ',\n'}    ${line}`);
        first = false;
      }
      await write(`${first ? '' : '\n  '}]${last ? '' : ','}\n`);
    };
    try {
      await write('{\n');
      for (const name of STREAMED) {
        const input = fs.createReadStream(this.#lists[name].path);
        await array(name, readline.createInterface({ input, crlfDelay: Infinity }), false);
      }
      await array(
        'rejected',
        rest.rejected.map((entry) => JSON.stringify(entry)),
        false,
      );
      await array(
        'conflicts',
        rest.conflicts.map((entry) => JSON.stringify(entry)),
        !rest.sync,
      );
      if (rest.sync) {
        await array(
          'withdrawn',
          rest.sync.withdrawn.map((entry) => JSON.stringify(entry)),
          true,
        );
      }
      await write('}\n');
    } finally {
      out.end();
      await once(out, 'finish');
      await this.discard();
    }
  }

  /** Removes the temporary lists (a run that failed writes no report). */
  async discard(): Promise<void> {
    for (const { path, out } of Object.values(this.#lists)) {
      out.destroy();
      await fs.promises.rm(path, { force: true });
    }
  }
}
