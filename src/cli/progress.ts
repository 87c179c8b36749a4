/** Progress for long runs: a bar with rate and ETA on a terminal, plain lines elsewhere. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, label: string): void;
  stop(): void;
}

const PLAIN_EVERY = 1000;

/** `total` may be unknown (streamed input): the bar then shows the count and rate only. */
export function startProgress(what: string, total?: number): Progress {
  if (!process.stderr.isTTY) {
    const started = performance.now();
    return {
      update(done) {
        if (done % PLAIN_EVERY !== 0) return;
        const rate = done / ((performance.now() - started) / 1000);
        console.error(`${what}: ${String(done)} files, ${rate.toFixed(0)}/s`);
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
  bar.start(total ?? 0, 0, { rate: '0', label: '' });
  return {
    update(done, label) {
      const rate = (done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(0);
      bar.update(done, { rate, label: label.length > 40 ? `…${label.slice(-39)}` : label });
    },
    stop() {
      bar.stop();
    },
  };
}
