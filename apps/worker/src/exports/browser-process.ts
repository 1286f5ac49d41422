import { readdirSync, readFileSync } from 'node:fs';

/*
 * Playwright's Browser (from chromium.launch) does not expose the browser's process id, but the renderer needs it to
 * prove it leaves no orphan processes and to kill a hung browser. Chromium is started as a child of this Node process
 * with a unique marker switch (Chromium ignores switches it does not know), so it is found in /proc by that marker.
 * Linux only (the worker's platform); elsewhere the functions return nothing and the renderer falls back to
 * Playwright's own close.
 */

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
}

function stat(pid: number): ProcStat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces and parentheses, so split after the last ')'.
    const rest = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    if (rest[0] === 'Z' || rest[0] === 'X') return undefined; // exited, waiting to be reaped
    return { pid, ppid: Number(rest[1]), pgrp: Number(rest[2]) };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

/** Pid of this process's direct child whose command line contains `marker`, if any. */
export function findChildByMarker(marker: string): number | undefined {
  for (const pid of allPids()) {
    if (stat(pid)?.ppid !== process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) return pid;
    } catch {
      // exited between listing and reading
    }
  }
  return undefined;
}

/** Live (non-zombie) descendants of `root` — Chromium's zygotes, renderers, GPU and utility processes. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const s = stat(pid);
    if (!s) continue;
    const list = children.get(s.ppid);
    if (list) list.push(pid);
    else children.set(s.ppid, [pid]);
  }
  const out: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.pop()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Whether `pid` is a live (non-zombie) process. */
export function isAlive(pid: number): boolean {
  return stat(pid) !== undefined;
}

/**
 * Live members of process group `pgid`. Playwright starts Chromium detached, i.e. as the leader of its own process
 * group, and every Chromium helper process inherits that group, so this finds them even after the browser process
 * itself died and they were re-parented.
 */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const pid of allPids()) if (stat(pid)?.pgrp === pgid) out.push(pid);
  return out;
}

/** SIGKILLs the whole process group `pgid` (a no-op when it is gone). SIGKILL also ends SIGSTOPped processes. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
