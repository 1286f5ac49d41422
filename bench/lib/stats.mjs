// Statistics and printing shared by the collab benchmarks (C1, C2, C3): monotonic clock, percentiles, median/min–max.
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** p-th percentile (0–100) of numbers (nearest rank). */
export function pct(values, p) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** { median, min, max } of per-run figures. */
export function spread(values) {
  return { median: pct(values, 50), min: Math.min(...values), max: Math.max(...values) };
}

const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
export const fmt = (s, d = 2) => `${f(s.median, d)} (${f(s.min, d)}–${f(s.max, d)})`;

/** What the next {@link line}s are about (a size, a database), for the machine-readable rows bench:all collects. */
export const rowContext = { prefix: '', db: undefined };

/** One result line: what, ours, baseline, ratio (ours ÷ baseline), and the target it is judged against. */
export function line(what, ours, base, ratio, target) {
  console.log(
    `${what.padEnd(44)} ours ${ours.padEnd(24)} raw ${base.padEnd(24)} ratio ${f(ratio)}  (target ${target})`,
  );
  benchRow({
    what: `${rowContext.prefix}${what.trim()}`,
    ours,
    base,
    ratio: f(ratio),
    target,
    db: rowContext.db,
  });
}

/** A machine-readable result row on stdout (`BENCH_ROW {json}`), collected by bench/all.mjs into RESULTS.md. */
export function benchRow(row) {
  console.log(`BENCH_ROW ${JSON.stringify(row)}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * NODE_OPTIONS for a benchmark's child process: `extra` plus, with BENCH_PROF_DIR=/tmp/prof, a V8 CPU profile per
 * child written on exit (how the findings in bench/RESULTS.md were profiled; open it in Chrome DevTools or speedscope).
 */
export function childNodeOptions(extra = '') {
  const prof = process.env.BENCH_PROF_DIR ? `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROF_DIR}` : '';
  return [extra, prof].filter(Boolean).join(' ');
}
