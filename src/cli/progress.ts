/** Progress for long runs: a bar with rate and ETA on a terminal, plain lines elsewhere. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, label: string): void;
  /** A scan being read: its page and an ETA for the rest of it (OCR costs seconds a page). */
  page(source: string, page: number, pages: number): void;
  /** A step after the files (joining copies, resolving citations): said when it starts. */
  step(label: string): void;
  stop(): void;
}

const PLAIN_EVERY = 1000;
// A long scan says where it is at most this often on plain output.
const PAGE_LINE_EVERY_MS = 10_000;

/** "page 37 of 500, about 6 min left", from the time the first 37 pages took. */
export function pageProgress(page: number, pages: number, elapsedMs: number): string {
  const left = ((pages - page) * elapsedMs) / Math.max(1, page) / 1000;
  const eta =
    page === 0
      ? 'starting'
      : page >= pages
        ? 'done'
        : left < 90
          ? `about ${String(Math.max(1, Math.round(left)))} s left`
          : `about ${String(Math.round(left / 60))} min left`;
  return `page ${String(page)} of ${String(pages)}, ${eta}`;
}

/** Per scan: when its reading started (page 0), to time its pages. */
function pageTimer() {
  const started = new Map<string, number>();
  return (source: string, page: number, pages: number): string => {
    const now = performance.now();
    if (page === 0 || !started.has(source)) started.set(source, now);
    const text = pageProgress(page, pages, now - (started.get(source) ?? now));
    if (page >= pages) started.delete(source);
    return text;
  };
}

/** `total` may be unknown (streamed input): the bar then shows the count and rate only. */
export function startProgress(what: string, total?: number): Progress {
  if (!process.stderr.isTTY) {
    const started = performance.now();
    const timer = pageTimer();
    let lastLine = 0;
    let files = 0;
    return {
      update(done) {
        files = done;
        if (done % PLAIN_EVERY !== 0) return;
        const rate = done / ((performance.now() - started) / 1000);
        console.error(`${what}: ${String(done)} files, ${rate.toFixed(0)}/s`);
      },
      page(source, page, pages) {
        const text = timer(source, page, pages);
        if (pages < 2 || page === 0) return;
        if (performance.now() - lastLine < PAGE_LINE_EVERY_MS && page < pages) return;
        lastLine = performance.now();
        console.error(`ocr: ${source}: ${text}`);
      },
      step(label) {
        // Said by the runs that said their progress: a small run stays as quiet as it was.
        if (files < PLAIN_EVERY) return;
        const seconds = (performance.now() - started) / 1000;
        console.error(`${what}: ${label}… (at ${seconds.toFixed(0)} s)`);
      },
      stop() {
        // Plain output needs no closing line: the summary follows.
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        total === undefined
          ? `${what} {value} files | {rate}/s | {label}`
          : `${what} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | {label}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const timer = pageTimer();
  const short = (label: string) => (label.length > 40 ? `…${label.slice(-39)}` : label);
  bar.start(total ?? 0, 0, { rate: '0', label: '' });
  return {
    update(done, label) {
      const rate = (done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(0);
      bar.update(done, { rate, label: short(label) });
    },
    page(source, page, pages) {
      if (pages > 1) bar.update({ label: `${short(source)}: ${timer(source, page, pages)}` });
    },
    step(label) {
      bar.update({ label: `${label}…` });
    },
    stop() {
      bar.stop();
    },
  };
}
