/**
 * The training CLI killed mid-run (SIGKILL: no chance to save; SIGTERM: saves and exits 143), then run again with
 * the same command, ends with the very weights and curves of an uninterrupted run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'train-resume-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ID = 'attention-mqar-l8-k2-d8-s1';
const job = (name: string) => [
  ...['--arch', 'attention', '--task', 'mqar', '--vocab', '16', '--L', '8', '--K', '2', '--d', '8'],
  ...['--batch', '8', '--steps', '80', '--eval-every', '10', '--warmup', '4', '--test-examples', '16'],
  ...['--threads', '1', '--checkpoint-every', '0'],
  ...['--out', join(root, name, 'models'), '--checkpoints', join(root, name, 'checkpoints')],
];
// One process (no tsx wrapper that would outlive a SIGKILL).
const CLI = ['--import', 'tsx', 'scripts/train/main.ts'];
const runToEnd = (args: string[]) => spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8' });

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

/** Steps in the saved checkpoint, once there is one. */
function checkpointStep(name: string): number | undefined {
  try {
    return JSON.parse(readFileSync(join(root, name, 'checkpoints', ID, 'checkpoint.json'), 'utf8')).step;
  } catch {
    return undefined;
  }
}

/** Starts the job and sends `signal` once its checkpoint holds more than `after` steps. */
async function interrupt(name: string, signal: NodeJS.Signals, after: number) {
  const child = spawn(process.execPath, [...CLI, ...job(name)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = exited(child);
  for (let waited = 0; (checkpointStep(name) ?? -1) <= after; waited += 20) {
    if (child.exitCode !== null || waited > 20_000) throw new Error(`no checkpoint: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill(signal);
  return { code: await code, stderr, step: checkpointStep(name) ?? -1 };
}

const trainLog = (name: string) =>
  JSON.parse(readFileSync(join(root, name, 'models', ID, 'train-log.json'), 'utf8'));
const weights = (name: string) => readFileSync(join(root, name, 'models', ID, 'model.safetensors'));

describe('resumable training runs', () => {
  it('killed, interrupted and run again, ends bit-identical to a straight run', {
    timeout: 90_000,
  }, async () => {
    const straight = runToEnd(job('straight'));
    expect(straight.status, straight.stderr).toBe(0);

    const killed = await interrupt('resumed', 'SIGKILL', 0);
    expect(killed.code).toBe(null);
    expect(existsSync(join(root, 'resumed', 'models', ID))).toBe(false);

    const stopped = await interrupt('resumed', 'SIGTERM', killed.step);
    expect(stopped.stderr).toMatch(/Resuming from .* at step \d+/);
    expect(stopped.code, stopped.stderr).toBe(143);
    expect(stopped.stderr).toMatch(/SIGTERM after step \d+; checkpoint in/);
    const stoppedAt = checkpointStep('resumed') ?? -1;
    expect(stoppedAt).toBeGreaterThan(killed.step);
    expect(stoppedAt).toBeLessThan(80);

    const resumed = runToEnd(job('resumed'));
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`at step ${stoppedAt}`);
    expect(existsSync(join(root, 'resumed', 'checkpoints', ID))).toBe(false);
    expect(weights('resumed').equals(weights('straight'))).toBe(true);
    const [a, b] = [trainLog('straight'), trainLog('resumed')];
    expect(b.steps).toEqual(a.steps);
    expect(b.validation).toEqual(a.validation);
    expect(b.test).toEqual(a.test);
  });
});
