/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per validation otherwise). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  // Steps done before the first call (a resumed run) do not count towards this process's rate.
  let before: number | undefined;
  return (done: number, total: number, detail: string, keepLine = false) => {
    before ??= done - 1;
    const width = 24;
    const filled = Math.round((done / total) * width);
    const perStep = (performance.now() - started) / 1000 / Math.max(1, done - before);
    const eta = Math.round(perStep * (total - done));
    const line = `${label} [${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total} ${detail} · ${perStep.toFixed(2)} s/step · ETA ${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, '0')}s`;
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${keepLine ? '\n' : ''}`);
    else if (keepLine) stream.write(`${line}\n`);
  };
}
