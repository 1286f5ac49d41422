// The supervisor of the start command with a fake service: restart after SIGKILL with backoff, backoff reset once
// stable, giving up after rapid failures, and stopping the whole process tree.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../local/system.mjs';
import { backoffDelay, Supervisor } from '../local/supervisor.mjs';

const FAKE = fileURLToPath(new URL('./fixtures/fake-service.mjs', import.meta.url));

/** True while `pid` is a live process (a zombie waiting to be reaped counts as gone). */
function alive(pid) {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const running = [];
/** A supervisor of the fake service on a fixed port; `lines` collects what the launcher would print. */
async function fakeSupervisor(opts = {}, env = {}) {
  const port = await freePort();
  const lines = [];
  const sup = new Supervisor({
    label: 'fake',
    start: () => {
      const child = spawn(process.execPath, [FAKE], {
        env: { ...process.env, PORT: String(port), ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      });
      child.ready = new Promise((r) =>
        child.stdout.on('data', (d) => {
          const m = /ready (\d+) (\d+)/.exec(d.toString());
          if (m) r({ helperPid: Number(m[2]) });
        }),
      );
      return child;
    },
    healthy: async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok,
    log: (l) => lines.push(l),
    healthPollMs: 20,
    ...opts,
  });
  running.push(sup);
  return { sup, lines, port };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

describe('backoffDelay', () => {
  it('doubles from 0.5 s and stops at 30 s', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, { initialDelayMs: 500, maxDelayMs: 30_000 })),
    ).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe('Supervisor', () => {
  it('restarts a SIGKILLed service, says why, and the new process answers health; its helper does not linger', async () => {
    const { sup, lines, port } = await fakeSupervisor();
    const first = sup.start();
    const { helperPid } = await first.ready;
    sup.arm();
    const healthy = once(sup, 'healthy');
    process.kill(first.pid, 'SIGKILL');
    const [next] = await healthy;
    expect(next.pid).not.toBe(first.pid);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe(String(next.pid));
    expect(lines[0]).toBe('fake exited (signal SIGKILL); restarting in 0.5 s (restart 1)');
    expect(lines[1]).toBe(`fake is healthy again (pid ${next.pid})`);
    // The crashed process's helper was in its process group and went with it.
    await expect.poll(() => alive(helperPid)).toBe(false);
  });

  it('doubles the delay while the service keeps failing early, and starts over once it ran stably', async () => {
    const flaky = await fakeSupervisor({ initialDelayMs: 20, stableAfterMs: 3_600_000 });
    flaky.sup.start();
    flaky.sup.arm();
    for (let i = 0; i < 2; i++) {
      const healthy = once(flaky.sup, 'healthy');
      process.kill(flaky.sup.child.pid, 'SIGKILL');
      await healthy;
    }
    expect(flaky.lines.filter((l) => l.includes('restarting'))).toEqual([
      'fake exited (signal SIGKILL); restarting in 0.02 s (restart 1)',
      'fake exited (signal SIGKILL); restarting in 0.04 s (restart 2)',
    ]);
    const delays = [];
    const stable = await fakeSupervisor({ initialDelayMs: 20, stableAfterMs: 0 });
    for (const s of [flaky, stable])
      s.sup.on('restart-scheduled', (e) => delays.push([s === flaky, e.delayMs]));
    stable.sup.start();
    stable.sup.arm();
    for (let i = 0; i < 2; i++) {
      const healthy = once(stable.sup, 'healthy');
      process.kill(stable.sup.child.pid, 'SIGKILL');
      await healthy;
    }
    // Flaky: 20 ms then 40 ms (seen through the event); stable: 20 ms each time (reset after a healthy run).
    const healthy = once(flaky.sup, 'healthy');
    process.kill(flaky.sup.child.pid, 'SIGKILL');
    await healthy;
    expect(delays).toEqual([
      [false, 20],
      [false, 20],
      [true, 80],
    ]);
  });

  it('gives up after N rapid failures and says so', async () => {
    const { sup, lines } = await fakeSupervisor({ initialDelayMs: 10, maxRapidFailures: 3 });
    sup.start();
    sup.arm();
    // From now on every start crashes at once (as with a broken configuration).
    process.env.EXIT_CODE = '3';
    try {
      const gaveUp = once(sup, 'gave-up');
      process.kill(sup.child.pid, 'SIGKILL');
      const [{ failures }] = await gaveUp;
      expect(failures).toBe(3);
    } finally {
      delete process.env.EXIT_CODE;
    }
    expect(lines.filter((l) => l.includes('restarting'))).toEqual([
      'fake exited (signal SIGKILL); restarting in 0.01 s (restart 1)',
      'fake exited (code 3); restarting in 0.02 s (restart 2)',
    ]);
    expect(lines.at(-1)).toMatch(
      /^fake exited \(code 3\) 3 times in a row, each time before running .*; giving up on it/,
    );
    expect(sup.child.exitCode).toBe(3);
  });

  it('stop() ends the service and every process in its group', async () => {
    const { sup } = await fakeSupervisor();
    const child = sup.start();
    const { helperPid } = await child.ready;
    sup.arm();
    await sup.stop();
    expect(alive(child.pid)).toBe(false);
    expect(alive(helperPid)).toBe(false);
    // A stopped supervisor does not restart what it stopped.
    expect(sup.child).toBe(child);
  });
});
