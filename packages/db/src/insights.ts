import type { EntityManager } from '@mikro-orm/core';
import type { Insights, InsightsGroup, InsightsRow } from '@pm/contracts';
import { dateParam, visibleIncidentSql, type SearchViewer, type SqlPart } from './search.js';
import { runSql as run, toDate } from './sql-rows.js';

/**
 * The review programme's figures (the Insights page): per group of incidents declared in [from, to), how many have
 * a postmortem, how long from resolution to the postmortem's Completed, follow-ups done on time / late, overdue now.
 * Private incidents count only for viewers who may see them (the same SQL rule as search). The grouping is done
 * here rather than in SQL so both dialects share one implementation; three narrow queries feed it.
 */
export interface InsightsInput {
  viewer: SearchViewer;
  from?: Date;
  to?: Date;
  groupBy?: InsightsGroup;
  /** Injectable clock: "overdue" is relative to it. */
  now?: Date;
}

const NONE = '(none)';

/** The `team` custom field's value (first one of a multi-value field). */
function teamOf(custom: unknown): string {
  let v: unknown = custom;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return NONE;
    }
  }
  const team = (v as Record<string, unknown> | null)?.['team'];
  const first = Array.isArray(team) ? team[0] : team;
  return typeof first === 'string' && first ? first : NONE;
}

/** Nearest-rank percentile of sorted numbers; null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

interface Acc {
  incidents: number;
  withPostmortem: number;
  hours: number[];
  onTime: number;
  late: number;
  overdue: number;
}
const newAcc = (): Acc => ({ incidents: 0, withPostmortem: 0, hours: [], onTime: 0, late: 0, overdue: 0 });

function toRow(group: string, a: Acc): InsightsRow {
  const sorted = [...a.hours].sort((x, y) => x - y);
  return {
    group,
    incidents: a.incidents,
    withPostmortem: a.withPostmortem,
    withoutPostmortem: a.incidents - a.withPostmortem,
    medianHoursToCompleted: percentile(sorted, 50),
    p90HoursToCompleted: percentile(sorted, 90),
    followUpsDoneOnTime: a.onTime,
    followUpsDoneLate: a.late,
    followUpsOverdue: a.overdue,
  };
}

export async function loadInsights(em: EntityManager, input: InsightsInput): Promise<Insights> {
  const groupBy = input.groupBy ?? 'month';
  const now = input.now ?? new Date();
  const result: Insights = {
    groupBy,
    from: input.from?.toISOString() ?? null,
    to: input.to?.toISOString() ?? null,
    rows: [],
    totals: toRow('total', newAcc()),
    topContributingFactors: [],
  };
  const visible = visibleIncidentSql(input.viewer);
  if (!visible) return result;
  const where: SqlPart[] = [visible];
  if (input.from) where.push({ sql: 'i.created_at >= ?', params: [dateParam(em, input.from)] });
  if (input.to) where.push({ sql: 'i.created_at < ?', params: [dateParam(em, input.to)] });
  const w = `where ${where.map((x) => x.sql).join(' and ')}`;
  const params = where.flatMap((x) => x.params);

  const incidents = await run(
    em,
    `select i.id, i.created_at, i.resolved_at, i.severity, t.name as type_name, i.custom_fields
     from incidents i left join incident_types t on t.id = i.incident_type_id ${w}`,
    params,
  );
  const postmortems = await run(
    em,
    `select p.incident_id, p.status, p.completed_at from postmortems p join incidents i on i.id = p.incident_id
     ${w} and p.removed_at is null`,
    params,
  );
  const followUps = await run(
    em,
    `select f.incident_id, f.status, f.due_date, f.completed_at from follow_ups f join incidents i on i.id = f.incident_id ${w}`,
    params,
  );

  const groupOf = new Map<string, string>();
  const resolvedAt = new Map<string, Date | null>();
  for (const r of incidents) {
    const id = String(r['id']);
    const created = toDate(r['created_at'])!;
    const g =
      groupBy === 'month'
        ? created.toISOString().slice(0, 7)
        : groupBy === 'severity'
          ? String(r['severity'])
          : groupBy === 'type'
            ? ((r['type_name'] as string | null) ?? NONE)
            : teamOf(r['custom_fields']);
    groupOf.set(id, g);
    resolvedAt.set(id, toDate(r['resolved_at']));
  }
  const accs = new Map<string, Acc>();
  const total = newAcc();
  const acc = (incidentId: string): Acc[] => {
    const g = groupOf.get(incidentId);
    if (g === undefined) return [];
    if (!accs.has(g)) accs.set(g, newAcc());
    return [accs.get(g)!, total];
  };
  for (const id of groupOf.keys()) for (const a of acc(id)) a.incidents++;

  const withPm = new Set<string>();
  for (const p of postmortems) {
    const id = String(p['incident_id']);
    if (!withPm.has(id)) {
      withPm.add(id);
      for (const a of acc(id)) a.withPostmortem++;
    }
    const completed = p['status'] === 'completed' ? toDate(p['completed_at']) : null;
    const resolved = resolvedAt.get(id);
    if (completed && resolved) {
      const hours = Math.max(0, (completed.getTime() - resolved.getTime()) / 3_600_000);
      for (const a of acc(id)) a.hours.push(hours);
    }
  }

  const today = now.toISOString().slice(0, 10);
  for (const f of followUps) {
    const id = String(f['incident_id']);
    const due = (f['due_date'] as string | null) ?? null;
    if (f['status'] === 'done') {
      if (!due) continue; // no due date: neither on time nor late
      const done = toDate(f['completed_at']);
      const late = !!done && done.toISOString().slice(0, 10) > due;
      for (const a of acc(id)) a[late ? 'late' : 'onTime']++;
    } else if (due && due < today) {
      for (const a of acc(id)) a.overdue++;
    }
  }

  result.rows = [...accs.entries()]
    .sort(([a], [b]) => (groupBy === 'month' ? a.localeCompare(b) : a.localeCompare(b)))
    .map(([g, a]) => toRow(g, a));
  result.totals = toRow('total', total);
  result.topContributingFactors = await topContributingFactors(em, w, params);
  return result;
}

/** The most frequent contributing-factor categories of the visible incidents' live postmortems. */
export async function topContributingFactors(
  em: EntityManager,
  incidentWhere: string,
  params: unknown[],
  limit = 5,
): Promise<{ category: string; count: number }[]> {
  const rows = await run(
    em,
    `select cf.category as c, count(*) as n from contributing_factors cf
     join postmortems p on p.id = cf.postmortem_id join incidents i on i.id = p.incident_id
     ${incidentWhere} and p.removed_at is null group by cf.category order by count(*) desc, cf.category limit ?`,
    [...params, limit],
  );
  return rows.map((r) => ({ category: String(r['c']), count: Number(r['n']) }));
}

/** The insights as CSV (one line per group, then the total); cells are quoted so commas in team names stay put. */
export function insightsCsv(ins: Insights): string {
  const head = [
    ins.groupBy,
    'incidents',
    'with_postmortem',
    'without_postmortem',
    'median_hours_to_completed',
    'p90_hours_to_completed',
    'follow_ups_done_on_time',
    'follow_ups_done_late',
    'follow_ups_overdue',
  ];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    // a leading = + - @ would run as a formula in spreadsheets
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const line = (r: InsightsRow) =>
    [
      r.group,
      r.incidents,
      r.withPostmortem,
      r.withoutPostmortem,
      r.medianHoursToCompleted,
      r.p90HoursToCompleted,
      r.followUpsDoneOnTime,
      r.followUpsDoneLate,
      r.followUpsOverdue,
    ]
      .map(cell)
      .join(',');
  return [head.map(cell).join(','), ...ins.rows.map(line), line(ins.totals)].join('\r\n') + '\r\n';
}
