import type { EntityManager } from '@mikro-orm/core';
import { responderRoleName, type IncidentContext, type PersonRef } from '@pm/contracts';
import {
  bool,
  definedFieldValues,
  isoOrNull as iso,
  jsonOr as json,
  personAt,
  personColumns as PERSON,
  runSql as run,
  str,
  strOrNull,
  type Row,
} from './sql-rows.js';

/** What {@link loadIncidentContext} returns: the render context and the declared custom field names. */
export interface LoadedIncidentContext {
  ctx: IncidentContext;
  /** Every custom property field declared in this installation (set on this incident or not). */
  customFieldNames: string[];
}

/** The render context's person: no id (templates print names and addresses). */
const person = (r: Row, a: string): PersonRef | null => {
  const p = personAt(r, a);
  return p && { name: p.name, email: p.email, handle: p.handle };
};

/**
 * Loads an incident with its team, impacts, fields, timeline, follow-ups and contributing factors as render context
 * (the shape of @pm/contracts that @pm/templating renders); throws when the incident does not exist.
 *
 * Plain SQL, not entities: every generate job and every preview runs this, and the entity version spent ~4 ms (SQLite)
 * to ~6 ms (PostgreSQL) per call hydrating rows the context copies at once, twice the render itself (issue 12, G1;
 * `incident-context.int.spec.ts` pins the answer on both databases).
 */
export async function loadIncidentContext(
  em: EntityManager,
  incidentId: string,
  timeZone = 'UTC',
): Promise<LoadedIncidentContext> {
  const [i] = await run(
    em,
    `select i.id, i.public_id, i.title, i.severity, i.status, i.visibility, i.summary, i.custom_fields, i.created_at,
       i.detected_at, i.resolved_at, ${PERSON('c')}, ${PERSON('cb')}
     from incidents i left join users c on c.id = i.commander_id left join users cb on cb.id = i.created_by_id
     where i.id = ?`,
    [incidentId],
  );
  if (!i) throw new IncidentNotFound(incidentId);
  const [timeline, impacts, responders, fields, followUps, factors] = await Promise.all([
    run(
      em,
      `select content, important, kind, author_name, occurred_at, tags from timeline_entries
       where incident_id = ? order by occurred_at asc, created_at asc`,
      [incidentId],
    ),
    run(
      em,
      'select description, start_at, end_at from incident_impacts where incident_id = ? order by start_at asc',
      [incidentId],
    ),
    run(
      em,
      `select r.role, ct.name as ct_name, ${PERSON('u')} from incident_responders r join users u on u.id = r.user_id
       left join responder_types ct on ct.id = r.custom_type_id where r.incident_id = ? order by r.created_at asc`,
      [incidentId],
    ),
    run(em, 'select name from incident_fields order by created_at asc, name asc'),
    run(
      em,
      `select id, content, assignee_ids, due_date, status from follow_ups where incident_id = ?
       order by position asc, created_at asc`,
      [incidentId],
    ),
    run(
      em,
      `select f.category, f.description from contributing_factors f join postmortems p on p.id = f.postmortem_id
       where p.incident_id = ? and p.removed_at is null order by f.created_at asc, f.id asc`,
      [incidentId],
    ),
  ]);
  // Assignees by name, in the order given; an id whose user no longer exists is left out.
  const assigneeIds = followUps.map((f) => json<string[]>(f.assignee_ids, []));
  const wanted = [...new Set(assigneeIds.flat())];
  const names = new Map(
    (wanted.length
      ? await run(em, `select id, name from users where id in (${wanted.map(() => '?').join(', ')})`, wanted)
      : []
    ).map((u) => [str(u.id), str(u.name)]),
  );
  // Only values of defined fields are rendered (a deleted definition hides its old values).
  const customFields = definedFieldValues(i.custom_fields, fields);
  const ctx: IncidentContext = {
    incident: {
      id: str(i.id),
      publicId: Number(i.public_id),
      title: str(i.title),
      severity: str(i.severity),
      status: str(i.status),
      visibility: str(i.visibility),
      summary: strOrNull(i.summary),
      commander: person(i, 'c'),
      createdBy: person(i, 'cb'),
      createdAt: iso(i.created_at)!,
      detectedAt: iso(i.detected_at),
      resolvedAt: iso(i.resolved_at),
      timeline: timeline.map((t) => ({
        content: str(t.content),
        important: bool(t.important),
        kind: str(t.kind),
        authorName: strOrNull(t.author_name),
        occurredAt: iso(t.occurred_at)!,
        tags: json<string[]>(t.tags, []),
      })),
      impacts: impacts.map((x) => ({
        description: str(x.description),
        startAt: iso(x.start_at)!,
        endAt: iso(x.end_at),
      })),
      responders: responders.map((r) => ({
        ...person(r, 'u')!,
        role: responderRoleName(str(r.role), strOrNull(r.ct_name)),
      })),
      customFields,
      followUps: followUps.map((f, n) => {
        const assignees = assigneeIds[n]!.flatMap((id) => names.get(id) ?? []);
        return {
          id: str(f.id),
          content: str(f.content),
          assignee: assignees.length ? assignees.join(', ') : null,
          dueDate: strOrNull(f.due_date),
          done: f.status === 'done',
        };
      }),
      contributingFactors: factors.map((f) => ({
        category: str(f.category),
        description: str(f.description),
      })),
    },
    timeZone,
    generatedAt: new Date().toISOString(),
  };
  return { ctx, customFieldNames: fields.map((f) => str(f.name)) };
}

/** The incident does not exist (any more). */
export class IncidentNotFound extends Error {
  constructor(readonly incidentId: string) {
    super(`Incident ${incidentId} not found`);
  }
}
