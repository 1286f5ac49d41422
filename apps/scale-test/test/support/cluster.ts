import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@pm/testing';

export type AppName = 'api' | 'worker' | 'collab';

const APPS = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built entry point of an app: the test runs exactly what `pnpm start` / infra/start.sh runs. */
export const mainOf = (app: AppName): string => resolve(APPS, app, 'dist/main.js');
export const allBuilt = (): boolean =>
  (['api', 'worker', 'collab'] as const).every((a) => existsSync(mainOf(a)));

/** One server process of the cluster. */
export interface Node {
  name: string;
  app: AppName;
  port: number;
  proc: ChildProcess;
  /** The last lines it printed (stdout + stderr), shown when the test fails. */
  log: string[];
  exited: Promise<void>;
  /** SIGKILL, and resolve once the OS has reaped it. */
  kill(): Promise<void>;
}

/**
 * Spawns `node dist/main.js` of `app` with only the given environment (plus PATH): nothing leaks in from the
 * test runner. Keeps the tail of its output for failure messages.
 */
export function spawnNode(name: string, app: AppName, port: number, env: Record<string, string>): Node {
  const proc = spawn(process.execPath, [mainOf(app)], {
    cwd: resolve(APPS, app),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    log.push(...b.toString().trimEnd().split('\n'));
    log.splice(0, Math.max(0, log.length - 40));
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    name,
    app,
    port,
    proc,
    log,
    exited,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until the node serves: `/healthz` for API and collab, the start line for a worker (its health port is off). */
export async function untilUp(node: Node, timeout: number): Promise<void> {
  const up = waitFor(
    async () => {
      if (node.app === 'worker') return node.log.some((l) => l.includes('worker started'));
      return (await fetch(`http://127.0.0.1:${node.port}/healthz`)).ok;
    },
    { timeout, interval: 100 },
  );
  const died = node.exited.then(() => Promise.reject(new Error('exited during start')));
  died.catch(() => undefined); // a later, deliberate kill must not surface as an unhandled rejection
  await Promise.race([up, died]).catch((e: Error) => {
    throw new Error(`${node.name} did not come up (${e.message}):\n${node.log.join('\n')}`);
  });
}
