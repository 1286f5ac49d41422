import type { EntityManager } from '@mikro-orm/core';
import type { FacetCount, SearchHit, TextSegment } from '@pm/contracts';
import { runSql as run, toDate, type Row } from './sql-rows.js';

/**
 * Full-text search over postmortems (title + the document's stored plain text) with facets, one interface over two
 * dialects: PostgreSQL (generated `documents.search_vector` + `to_tsvector('simple', title)`, ts_rank, ts_headline)
 * and SQLite (the trigger-maintained FTS5 table `postmortem_search`, bm25, snippet()). See the search migrations.
 *
 * The user's text is never handed to a query parser as syntax: it is cut into words here and each word is matched
 * literally (`plainto_tsquery` / quoted FTS5 strings), so quotes, `OR`, `-`, `*`, `NEAR(` … can never error.
 * Private incidents are filtered IN SQL with the same rule as `canSeeIncidentRule` (@pm/auth): organization
 * incidents for Incidents Read; private ones only for responders or Private Incidents Global Access.
 */

/** Who is searching: their id and the permission names their role grants. */
export interface SearchViewer {
  userId: string;
  permissions: ReadonlySet<string> | readonly string[];
}

export interface SearchFacets {
  severity?: readonly string[];
  incidentStatus?: readonly string[];
  status?: readonly string[];
  incidentTypeId?: readonly string[];
  ownerId?: readonly string[];
  /** Custom property fields: value equals (or, for multi-value fields, contains) `value`. */
  fields?: readonly { name: string; value: string }[];
  /** Incident declared at or after / before. */
  from?: Date;
  to?: Date;
}

export interface SearchInput {
  q?: string;
  facets?: SearchFacets;
  viewer: SearchViewer;
  offset?: number;
  limit?: number;
}

export interface SearchOutput {
  items: SearchHit[];
  total: number;
  nextCursor: string | null;
  facets: Record<'severity' | 'incidentStatus' | 'status' | 'incidentType' | 'owner', FacetCount[]>;
}

const MAX_WORDS = 16;
const HIT_START = '\u0001';
const HIT_END = '\u0002';

/** The words of a free-text query (letters, digits, `_`), lower-cased, at most {@link MAX_WORDS}. */
export function searchWords(q: string | undefined): string[] {
  const words = (q ?? '').toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/** Splits text marked with the hit markers into plain segments (the UI renders them as text, never as HTML). */
export function toSegments(marked: string | null | undefined): TextSegment[] {
  const out: TextSegment[] = [];
  let hit = false;
  let buf = '';
  for (const ch of marked ?? '') {
    if (ch === HIT_START || ch === HIT_END) {
      if (buf) out.push({ text: buf, hit });
      buf = '';
      hit = ch === HIT_START;
    } else buf += ch;
  }
  if (buf) out.push({ text: buf, hit });
  return out;
}

const has = (p: SearchViewer['permissions'], name: string): boolean =>
  p instanceof Set ? p.has(name) : (p as readonly string[]).includes(name);

/** True on PostgreSQL (the platform has a default schema), false on SQLite. */
export function isPostgres(em: EntityManager): boolean {
  return em.getPlatform().getDefaultSchemaName() !== undefined;
}

/** A WHERE fragment and its `?` parameters. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** Incident visibility for the viewer (alias `i`), mirroring canSeeIncidentRule; null = sees nothing. */
export function visibleIncidentSql(viewer: SearchViewer): SqlPart | null {
  if (!has(viewer.permissions, 'incidents_read')) return null;
  if (has(viewer.permissions, 'private_incidents_global_access')) return { sql: '1 = 1', params: [] };
  return {
    sql: `(i.visibility <> 'private' or exists (select 1 from incident_responders r where r.incident_id = i.id and r.user_id = ?))`,
    params: [viewer.userId],
  };
}

/** A date as the dialect stores `datetime` columns (SQLite: epoch milliseconds; PostgreSQL: the Date). */
export function dateParam(em: EntityManager, d: Date): unknown {
  return isPostgres(em) ? d : d.getTime();
}

function inList(column: string, values: readonly string[] | undefined, where: SqlPart[]): void {
  if (!values?.length) return;
  where.push({ sql: `${column} in (${values.map(() => '?').join(', ')})`, params: [...values] });
}

/** Facet filters (everything but the text) on aliases `p` (postmortem) and `i` (incident). */
export function facetSql(em: EntityManager, f: SearchFacets = {}): SqlPart[] {
  const where: SqlPart[] = [];
  inList('i.severity', f.severity, where);
  inList('i.status', f.incidentStatus, where);
  inList('p.status', f.status, where);
  inList('i.incident_type_id', f.incidentTypeId, where);
  inList('p.owner_id', f.ownerId, where);
  const pg = isPostgres(em);
  for (const { name, value } of f.fields ?? []) {
    where.push(
      pg
        ? // jsonb containment matches a string value and a multi-value array holding it alike
          { sql: `(i.custom_fields -> ?) @> to_jsonb(cast(? as text))`, params: [name, value] }
        : {
            sql: `exists (select 1 from json_each(i.custom_fields, ?) je where je.value = ?)`,
            params: [`$."${name.replace(/["\\]/g, '')}"`, value],
          },
    );
  }
  if (f.from) where.push({ sql: 'i.created_at >= ?', params: [dateParam(em, f.from)] });
  if (f.to) where.push({ sql: 'i.created_at < ?', params: [dateParam(em, f.to)] });
  return where;
}

/** Searches postmortems the viewer may see. Removed links are never returned. */
export async function searchPostmortems(em: EntityManager, input: SearchInput): Promise<SearchOutput> {
  const empty: SearchOutput = {
    items: [],
    total: 0,
    nextCursor: null,
    facets: { severity: [], incidentStatus: [], status: [], incidentType: [], owner: [] },
  };
  const visible = visibleIncidentSql(input.viewer);
  if (!visible) return empty;
  const pg = isPostgres(em);
  const words = searchWords(input.q);
  const text = words.length > 0;
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 50);
  const offset = Math.max(input.offset ?? 0, 0);

  const joins = `join incidents i on i.id = p.incident_id
    left join documents d on d.id = p.document_id
    left join incident_types t on t.id = i.incident_type_id
    left join users u on u.id = p.owner_id`;
  let from: string;
  const where: SqlPart[] = [
    { sql: 'p.removed_at is null', params: [] },
    visible,
    ...facetSql(em, input.facets),
  ];
  const pgQuery = `plainto_tsquery('simple', ?)`;
  const pgVector = `(to_tsvector('simple', p.title) || coalesce(d.search_vector, ''::tsvector))`;
  if (text && pg) {
    from = `from postmortems p ${joins}`;
    where.push({ sql: `${pgVector} @@ ${pgQuery}`, params: [words.join(' ')] });
  } else if (text) {
    from = `from postmortem_search s join postmortems p on p.id = s.postmortem_id ${joins}`;
    // each word a quoted FTS5 string ("" escapes nothing here: words hold no quotes), all required
    where.push({ sql: 'postmortem_search match ?', params: [words.map((w) => `"${w}"`).join(' ')] });
  } else {
    from = `from postmortems p ${joins}`;
  }
  const whereSql = `where ${where.map((w) => w.sql).join(' and ')}`;
  const whereParams = where.flatMap((w) => w.params);

  const base = `${from} ${whereSql}`;
  const [{ n }] = (await run(em, `select count(*) as n ${base}`, whereParams)) as [{ n: number | string }];
  const total = Number(n);

  const cols = `p.id as pm_id, p.title as pm_title, p.status as pm_status, p.updated_at as pm_updated_at,
    u.id as owner_id, u.name as owner_name, i.id as inc_id, i.public_id as inc_public_id, i.title as inc_title,
    i.severity as inc_severity, i.status as inc_status, t.name as type_name, i.created_at as inc_created_at`;
  let rows: Row[];
  if (text && pg) {
    // headlines only for the page's rows: ts_headline re-parses the whole text, so it runs in the outer query
    const opts = `'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;
    rows = await run(
      em,
      `select sub.*, ts_headline('simple', sub.pm_title, ${pgQuery}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', HighlightAll=true') as title_hl,
         case when sub.doc_text is null then '' else ts_headline('simple', sub.doc_text, ${pgQuery}, ${opts}) end as snippet_hl
       from (select ${cols}, d.text as doc_text, ts_rank(${pgVector}, ${pgQuery}) as rank ${base}
             order by rank desc, p.updated_at desc, p.id limit ? offset ?) sub
       order by sub.rank desc, sub.pm_updated_at desc, sub.pm_id`,
      [words.join(' '), words.join(' '), words.join(' '), ...whereParams, limit, offset],
    );
  } else if (text) {
    rows = await run(
      em,
      `select ${cols}, highlight(postmortem_search, 1, char(1), char(2)) as title_hl,
         snippet(postmortem_search, 2, char(1), char(2), '…', 24) as snippet_hl ${base}
       order by bm25(postmortem_search, 0.0, 10.0, 1.0), p.updated_at desc, p.id limit ? offset ?`,
      [...whereParams, limit, offset],
    );
  } else {
    rows = await run(
      em,
      `select ${cols}, p.title as title_hl, substr(coalesce(d.text, ''), 1, 200) as snippet_hl ${base}
       order by p.updated_at desc, p.id limit ? offset ?`,
      [...whereParams, limit, offset],
    );
  }

  const items: SearchHit[] = rows.map((r) => ({
    postmortemId: String(r['pm_id']),
    title: String(r['pm_title']),
    titleSegments: toSegments(String(r['title_hl'] ?? r['pm_title'])),
    snippet: toSegments(String(r['snippet_hl'] ?? '')),
    status: r['pm_status'] as SearchHit['status'],
    owner: r['owner_id'] ? { id: String(r['owner_id']), name: String(r['owner_name']) } : null,
    incident: {
      id: String(r['inc_id']),
      publicId: Number(r['inc_public_id']),
      title: String(r['inc_title']),
      severity: r['inc_severity'] as SearchHit['incident']['severity'],
      status: r['inc_status'] as SearchHit['incident']['status'],
      type: (r['type_name'] as string | null) ?? null,
      createdAt: toDate(r['inc_created_at'])!.toISOString(),
    },
    updatedAt: toDate(r['pm_updated_at'])!.toISOString(),
  }));

  const facet = async (valueCol: string, labelCol: string): Promise<FacetCount[]> => {
    const res = await run(
      em,
      `select ${valueCol} as v, ${labelCol} as l, count(*) as n ${base} and ${valueCol} is not null
       group by ${valueCol}, ${labelCol} order by count(*) desc, ${labelCol} limit 50`,
      whereParams,
    );
    return res.map((r) => ({ value: String(r['v']), label: String(r['l']), count: Number(r['n']) }));
  };
  const next = offset + limit;
  return {
    items,
    total,
    nextCursor: next < total ? String(next) : null,
    facets: {
      severity: await facet('i.severity', 'i.severity'),
      incidentStatus: await facet('i.status', 'i.status'),
      status: await facet('p.status', 'p.status'),
      incidentType: await facet('t.id', 't.name'),
      owner: await facet('u.id', 'u.name'),
    },
  };
}
