import type { EntityManager } from '@mikro-orm/core';
import {
  responderRoleName,
  type CustomFieldValues,
  type Impact as ImpactDto,
  type IncidentDetail,
  type Incident as IncidentDto,
  type IncidentListQuery,
  type Responder as ResponderDto,
  type TimelineEntry as TimelineDto,
} from '@pm/contracts';
import { visibleIncidentSql, type SearchViewer, type SqlPart } from './search.js';
import {
  bool,
  definedFieldValues,
  isoOrNull as iso,
  jsonOr as json,
  personAt as person,
  personColumns as PERSON,
  runSql as run,
  str,
  strOrNull,
  type Row,
} from './sql-rows.js';

/**
 * The two hottest incident reads (`GET /incidents`, `GET /incidents/{id}`) as plain SQL, answering the API's DTOs
 * straight from the rows. Why not the ORM here: profiles of these routes under 50 connections (issue 12, finding 4)
 * put most of the API's CPU in MikroORM building the query and hydrating entities (EntityFactory.create, hydrate,
 * QueryBuilder.where / getNativeQuery), work whose result was thrown away by the DTO mapper at once. Writes and
 * every other read keep the entity path; `incident-reads.int.spec.ts` checks these answers equal the entity
 * mappers' on both databases, so the two cannot drift apart unnoticed.
 */

const INCIDENT_SELECT = `select i.id, i.public_id, i.title, i.severity, i.status, i.visibility, i.summary,
  i.chat_channel_url, i.meeting_url, i.custom_fields, i.responder_ids, i.created_at, i.detected_at, i.resolved_at,
  i.updated_at, ${PERSON('c')}, ${PERSON('cb')},
  t.id as t_id, t.name as t_name, t.description as t_description, t.is_default as t_is_default
  from incidents i left join users c on c.id = i.commander_id left join users cb on cb.id = i.created_by_id
  left join incident_types t on t.id = i.incident_type_id`;

function incidentDto(r: Row): IncidentDto {
  const commander = person(r, 'c');
  return {
    id: str(r.id),
    publicId: Number(r.public_id),
    title: str(r.title),
    severity: r.severity as IncidentDto['severity'],
    status: r.status as IncidentDto['status'],
    visibility: r.visibility as IncidentDto['visibility'],
    summary: strOrNull(r.summary),
    commanderName: commander?.name ?? null,
    commander,
    createdBy: person(r, 'cb'),
    incidentType: r.t_id
      ? {
          id: str(r.t_id),
          name: str(r.t_name),
          description: strOrNull(r.t_description),
          isDefault: bool(r.t_is_default),
        }
      : null,
    chatChannelUrl: strOrNull(r.chat_channel_url),
    meetingUrl: strOrNull(r.meeting_url),
    createdAt: iso(r.created_at)!,
    detectedAt: iso(r.detected_at),
    resolvedAt: iso(r.resolved_at),
    updatedAt: iso(r.updated_at)!,
  };
}

/** `lower(title) like ?` needs its own escape character on SQLite (PostgreSQL's default is the backslash). */
const likeParam = (s: string) => `%${s.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** Incidents the viewer may see, newest first (at most `limit`); `total` counts only those. */
export async function listIncidents(
  em: EntityManager,
  viewer: SearchViewer,
  q: IncidentListQuery,
  limit = 200,
): Promise<{ items: IncidentDto[]; total: number }> {
  const visible = visibleIncidentSql(viewer);
  if (!visible) return { items: [], total: 0 };
  const where: SqlPart[] = [visible];
  if (q.status) where.push({ sql: 'i.status = ?', params: [q.status] });
  if (q.severity) where.push({ sql: 'i.severity = ?', params: [q.severity] });
  if (q.visibility) where.push({ sql: 'i.visibility = ?', params: [q.visibility] });
  if (q.text) {
    const n = /^#?(\d+)$/.exec(q.text.trim());
    where.push({
      sql: `(lower(i.title) like ? escape '\\'${n ? ' or i.public_id = ?' : ''})`,
      params: [likeParam(q.text), ...(n ? [Number(n[1])] : [])],
    });
  }
  const sql = where.map((w) => w.sql).join(' and ');
  const params = where.flatMap((w) => w.params);
  const [rows, [count]] = await Promise.all([
    run(em, `${INCIDENT_SELECT} where ${sql} order by i.created_at desc limit ${Number(limit)}`, params),
    run(em, `select count(*) as n from incidents i where ${sql}`, params),
  ]);
  return { items: rows.map(incidentDto), total: Number(count!.n) };
}

/**
 * One incident with its timeline, impacts, response team and custom field values, or null when it does not exist
 * or the viewer may not see it (the caller answers 404 either way, so nothing leaks).
 */
export async function incidentDetail(
  em: EntityManager,
  viewer: SearchViewer,
  id: string,
): Promise<IncidentDetail | null> {
  const visible = visibleIncidentSql(viewer);
  if (!visible) return null;
  const [r] = await run(em, `${INCIDENT_SELECT} where i.id = ? and ${visible.sql}`, [id, ...visible.params]);
  if (!r) return null;
  const [timeline, impacts, responders, fields] = await Promise.all([
    run(
      em,
      `select id, kind, content, important, author_name, author_id, occurred_at, tags from timeline_entries
       where incident_id = ? order by occurred_at asc, created_at asc`,
      [id],
    ),
    run(
      em,
      'select id, description, start_at, end_at from incident_impacts where incident_id = ? order by start_at asc',
      [id],
    ),
    run(
      em,
      `select r.role, r.custom_type_id, r.created_at, r.last_activity_at, ${PERSON('u')}, ct.name as ct_name
       from incident_responders r join users u on u.id = r.user_id
       left join responder_types ct on ct.id = r.custom_type_id where r.incident_id = ? order by r.created_at asc`,
      [id],
    ),
    run(em, 'select name from incident_fields', []),
  ]);
  // Only values of defined fields are shown (a deleted definition hides its old values).
  const customFields = definedFieldValues(r.custom_fields, fields) as CustomFieldValues;
  return {
    ...incidentDto(r),
    timeline: timeline.map((t): TimelineDto => ({
      id: str(t.id),
      kind: t.kind as TimelineDto['kind'],
      content: str(t.content),
      important: bool(t.important),
      authorName: strOrNull(t.author_name),
      authorId: strOrNull(t.author_id),
      occurredAt: iso(t.occurred_at)!,
      tags: json<string[]>(t.tags, []),
    })),
    impacts: impacts.map((x): ImpactDto => ({
      id: str(x.id),
      description: str(x.description),
      startAt: iso(x.start_at)!,
      endAt: iso(x.end_at),
    })),
    responders: responders.map((x): ResponderDto => ({
      user: person(x, 'u')!,
      role: x.role as ResponderDto['role'],
      roleName: responderRoleName(str(x.role), strOrNull(x.ct_name)),
      customTypeId: strOrNull(x.custom_type_id),
      postmortemId: null,
      addedAt: iso(x.created_at)!,
      lastActivityAt: iso(x.last_activity_at),
    })),
    customFields,
  };
}
