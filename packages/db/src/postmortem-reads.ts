import type { EntityManager } from '@mikro-orm/core';
import type { Postmortem as PostmortemDto, ReviewRule } from '@pm/contracts';
import { isoOrNull as iso, jsonOr, runSql as run, strOrNull } from './sql-rows.js';

/**
 * `GET /incidents/{id}/postmortems` as plain SQL (see incident-reads.ts for why these few hot reads skip the ORM):
 * the incident's access columns, its postmortems with owner, template name and document counters, and its open
 * follow-ups, in three queries whatever the number of rows. The API adds the review summaries and the access check.
 */

const json = <T>(v: unknown): T | null => jsonOr<T | null>(v, null);

export interface IncidentAccessRow {
  id: string;
  visibility: 'organization' | 'private';
  responderIds: string[];
  incidentTypeId: string | null;
}

/** A listed postmortem: its DTO (review still null) and what the review summary needs. */
export interface PostmortemListRow {
  dto: PostmortemDto;
  reviewRule: ReviewRule | null;
}

/** The incident's access columns, or null when it does not exist. */
export async function incidentAccessRow(em: EntityManager, id: string): Promise<IncidentAccessRow | null> {
  const [r] = await run(
    em,
    'select id, visibility, responder_ids, incident_type_id from incidents where id = ?',
    [id],
  );
  if (!r) return null;
  return {
    id: String(r.id),
    visibility: r.visibility as IncidentAccessRow['visibility'],
    responderIds: json<string[]>(r.responder_ids) ?? [],
    incidentTypeId: strOrNull(r.incident_type_id),
  };
}

/** The incident's postmortems, newest first; removed links only with `includeRemoved`. */
export async function listPostmortemRows(
  em: EntityManager,
  incidentId: string,
  includeRemoved: boolean,
): Promise<PostmortemListRow[]> {
  const [rows, [open]] = await Promise.all([
    run(
      em,
      `select p.id, p.incident_id, p.template_id, p.title, p.destination, p.generation_state, p.progress,
         p.failure_reason, p.status, p.owner_id, p.document_id, p.url, p.created_at, p.updated_at, p.template_name,
         p.removed_at, p.review_rule, o.name as owner_name, t.name as t_name, d.comment_count, d.last_editor_name
       from postmortems p left join users o on o.id = p.owner_id left join templates t on t.id = p.template_id
       left join documents d on d.id = p.document_id
       where p.incident_id = ?${includeRemoved ? '' : ' and p.removed_at is null'} order by p.created_at desc`,
      [incidentId],
    ),
    run(em, `select count(*) as n from follow_ups where incident_id = ? and status = 'open'`, [incidentId]),
  ]);
  const openFollowUps = Number(open!.n);
  return rows.map((p) => ({
    reviewRule: json<ReviewRule>(p.review_rule),
    dto: {
      id: String(p.id),
      incidentId: String(p.incident_id),
      templateId: strOrNull(p.template_id),
      title: String(p.title),
      destination: p.destination as PostmortemDto['destination'],
      generationState: p.generation_state as PostmortemDto['generationState'],
      progress: Number(p.progress),
      failureReason: strOrNull(p.failure_reason),
      status: p.status as PostmortemDto['status'],
      ownerId: strOrNull(p.owner_id),
      ownerName: strOrNull(p.owner_name),
      documentId: strOrNull(p.document_id),
      url: strOrNull(p.url),
      createdAt: iso(p.created_at)!,
      updatedAt: iso(p.updated_at)!,
      kind: p.destination === 'link' ? 'attached' : 'generated',
      // Copied at generation (kept after the template is deleted); older rows fall back to the live template.
      templateName: strOrNull(p.template_name) ?? strOrNull(p.t_name),
      removedAt: iso(p.removed_at),
      commentCount: Number(p.comment_count ?? 0),
      openFollowUps,
      lastEditorName: strOrNull(p.last_editor_name),
      review: null,
    },
  }));
}

/**
 * The review rule of an incident type (the default type's when `incidentTypeId` is null), or null when it has none:
 * what a postmortem without its own rule follows.
 */
export async function incidentTypeReviewRule(
  em: EntityManager,
  incidentTypeId: string | null,
): Promise<ReviewRule | null> {
  const [t] = incidentTypeId
    ? await run(em, 'select review_rule from incident_types where id = ?', [incidentTypeId])
    : await run(em, 'select review_rule from incident_types where is_default', []);
  return json<ReviewRule>(t?.review_rule);
}
