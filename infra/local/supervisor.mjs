// Keeps one service process running for the start command: restarts it with exponential backoff when it exits,
// gives up after repeated rapid failures, and stops its whole process tree (process group) on demand.
import { EventEmitter } from 'node:events';

export const DEFAULTS = Object.freeze({
  /** First restart delay; doubles per consecutive rapid failure up to `maxDelayMs`. */
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  /** A process that stayed healthy this long before exiting counts as stable: the backoff starts over. */
  stableAfterMs: 60_000,
  /** Consecutive rapid failures (exits before being stable) after which the service is given up. */
  maxRapidFailures: 6,
  /** SIGTERM first; the process group gets SIGKILL when it has not exited after this. */
  stopGraceMs: 10_000,
  /** How often a restarted process is polled for health (only the log line depends on it). */
  healthPollMs: 250,
});

/** Delay before restart number `n` (1-based): initial · 2^(n-1), capped. */
export function backoffDelay(n, { initialDelayMs, maxDelayMs } = DEFAULTS) {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, n - 1));
}

/** "0.5 s", "1 s", "30 s" (tests with tiny delays see "0.02 s"): how the launcher prints delays. */
export const seconds = (ms) => `${Number((ms / 1000).toFixed(2))} s`;

/** "code 1" or "signal SIGKILL": why a process ended. */
export const exitReason = (code, signal) => (signal ? `signal ${signal}` : `code ${code}`);

/**
 * Sends `signal` to the process group led by `pid` (children are spawned `detached`, so each is a group leader and
 * its own children share the group). Returns false when no process of the group is left.
 */
export function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (e) {
    if (e.code === 'ESRCH') return false;
    throw e;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves once no process of the group led by `pid` is left (bounded by `timeoutMs`, then false). */
async function groupGone(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (signalGroup(pid, 0)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * One supervised service. `start()` must spawn the process with `detached: true` and return the ChildProcess.
 * `healthy()` (optional) resolves true when the process answers its health check.
 *
 * Events: 'spawn' (child), 'exit' ({ code, signal, pid }), 'restart-scheduled' ({ delayMs, restart }),
 * 'healthy' (child), 'gave-up' ({ failures }).
 */
export class Supervisor extends EventEmitter {
  constructor({ label, start, healthy, log = console.log, ...opts }) {
    super();
    this.label = label;
    this.startProcess = start;
    this.healthy = healthy;
    this.log = log;
    this.opts = { ...DEFAULTS, ...opts };
    this.child = null;
    this.restarts = 0;
    this.rapidFailures = 0;
    this.armed = false;
    this.stopping = false;
    this.gaveUp = false;
    this.timer = null;
    this.healthySince = null;
  }

  /** Spawns the first process. Exits before {@link arm} are not restarted (a service that cannot start at all). */
  start() {
    this.spawnChild();
    return this.child;
  }

  /** From now on an exit triggers a restart (called once the system answered its first health checks). */
  arm() {
    this.armed = true;
    this.healthySince ??= Date.now();
  }

  spawnChild() {
    const child = this.startProcess();
    this.child = child;
    this.healthySince = null;
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    this.emit('spawn', child);
    if (this.armed && this.restarts > 0) void this.watchHealth(child);
  }

  async watchHealth(child) {
    if (!this.healthy) {
      this.healthySince = Date.now();
      return;
    }
    while (child.exitCode === null && child.signalCode === null && !this.stopping) {
      if (await this.healthy().catch(() => false)) {
        if (child.exitCode !== null || child.signalCode !== null) return;
        this.healthySince = Date.now();
        this.log(`${this.label} is healthy again (pid ${child.pid})`);
        this.emit('healthy', child);
        return;
      }
      await sleep(this.opts.healthPollMs);
    }
  }

  onExit(child, code, signal) {
    this.emit('exit', { code, signal, pid: child.pid });
    // Whatever the service left behind in its group (e.g. a helper it spawned) goes with it.
    signalGroup(child.pid, 'SIGKILL');
    if (this.stopping || !this.armed || this.child !== child) return;
    const stable = this.healthySince !== null && Date.now() - this.healthySince >= this.opts.stableAfterMs;
    this.rapidFailures = stable ? 0 : this.rapidFailures + 1;
    if (this.rapidFailures >= this.opts.maxRapidFailures) {
      this.gaveUp = true;
      this.log(
        `${this.label} exited (${exitReason(code, signal)}) ${this.rapidFailures} times in a row, each time ` +
          `before running ${seconds(this.opts.stableAfterMs)}; giving up on it. The other services keep running: ` +
          `fix the cause (see its log above) and start again.`,
      );
      this.emit('gave-up', { failures: this.rapidFailures });
      return;
    }
    this.restarts += 1;
    const delayMs = backoffDelay(Math.max(1, this.rapidFailures), this.opts);
    this.log(
      `${this.label} exited (${exitReason(code, signal)}); restarting in ${seconds(delayMs)} (restart ${this.restarts})`,
    );
    this.emit('restart-scheduled', { delayMs, restart: this.restarts });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopping) this.spawnChild();
    }, delayMs);
  }

  /** Stops the service and everything in its process group: SIGTERM, then SIGKILL after the grace period. */
  async stop() {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    if (!child) return;
    const running = child.exitCode === null && child.signalCode === null;
    if (running) {
      const exited = new Promise((r) => child.once('exit', r));
      signalGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), this.opts.stopGraceMs);
      await exited;
      clearTimeout(t);
    }
    // The leader is gone; members that ignored SIGTERM (or outlived it) are killed and waited for.
    signalGroup(child.pid, 'SIGKILL');
    await groupGone(child.pid, 5_000);
  }
}
