import { CliIo } from './commands/command';

export interface Progress {
  /** `position` of `head`: the fraction done (positions may have gaps, so events are counted apart). */
  update(events: number, position: number, head: number): void;
  finish(): void;
}

const BAR_WIDTH = 30;
const TTY_REFRESH_MS = 100;

/**
 * Progress on stderr: on a terminal a bar redrawn in place (`\r`), otherwise
 * (a pipe, a log file, CI) a plain line at every tenth of the way, so a log
 * gets at most a dozen lines however long the history.
 */
export function progressOn(io: CliIo, label: string): Progress {
  const started = Date.now();
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  let lastLine = '';
  const line = (events: number, position: number, head: number) => {
    const fraction = head > 0 ? Math.min(1, position / head) : 1;
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = Math.round(events / seconds);
    return {
      fraction,
      text: `${events.toLocaleString('en-US')} events, position ${position}/${head}, ${rate.toLocaleString('en-US')} events/s`,
    };
  };
  return {
    update(events, position, head) {
      const { fraction, text } = line(events, position, head);
      if (io.stderrIsTTY) {
        const now = Date.now();
        if (now - lastDraw < TTY_REFRESH_MS && fraction < 1) return;
        lastDraw = now;
        const filled = Math.round(fraction * BAR_WIDTH);
        lastLine = `\r${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}% ${text}\x1b[K`;
        io.stderr(lastLine);
        drawn = true;
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      io.stderr(`${label}: ${Math.floor(fraction * 100)}% ${text}\n`);
    },
    finish() {
      if (io.stderrIsTTY && drawn) io.stderr('\n');
    },
  };
}
