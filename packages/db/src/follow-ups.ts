import type { EntityManager } from '@mikro-orm/core';
import type { FollowUp as FollowUpDto, FollowUpItem, UserRef } from '@pm/contracts';
import { followUpsIncidentIds, withFollowUpsSnapshot, type JSONContent } from '@pm/doc-model';
import { FollowUp } from './entities/follow-up.entity.js';
import { User } from './entities/user.entity.js';

const ref = (u: User): UserRef => ({ id: u.id, name: u.name, email: u.email, handle: u.handle });

/** A loaded user, or null for a missing / deleted one (relations of a deleted user are set null by the database). */
const loaded = (u: User | null, byId: Map<string, User>): UserRef | null => {
  const full = u ? byId.get(u.id) : undefined;
  return full ? ref(full) : null;
};

/**
 * Follow-up rows → API shape. Users (assignees, creator, modifier, completer) are resolved with one query; an
 * assignee id whose user no longer exists is left out rather than shown as an unknown person.
 */
export async function toFollowUpDtos(em: EntityManager, rows: FollowUp[]): Promise<FollowUpDto[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    for (const id of r.assigneeIds) ids.add(id);
    for (const u of [r.createdBy, r.modifiedBy, r.completedBy]) if (u) ids.add(u.id);
  }
  const users = ids.size ? await em.find(User, { id: { $in: [...ids] } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident.id,
    content: r.content,
    assignees: r.assigneeIds.flatMap((id) => {
      const u = byId.get(id);
      return u ? [ref(u)] : [];
    }),
    dueDate: r.dueDate,
    status: r.status,
    completedAt: r.completedAt ? r.completedAt.toISOString() : null,
    completedBy: loaded(r.completedBy, byId),
    createdAt: r.createdAt.toISOString(),
    createdBy: loaded(r.createdBy, byId),
    modifiedAt: r.modifiedAt.toISOString(),
    modifiedBy: loaded(r.modifiedBy, byId),
    position: r.position,
    tracker: r.trackerKind
      ? {
          kind: r.trackerKind,
          key: r.trackerKey,
          url: r.trackerUrl,
          state: r.trackerState ?? 'exporting',
          error: r.trackerError,
        }
      : null,
  }));
}

/** The incident's follow-ups in display order (position, then creation). No visibility check: callers do that. */
export async function loadFollowUps(em: EntityManager, incidentId: string): Promise<FollowUpDto[]> {
  const rows = await em.find(
    FollowUp,
    { incident: incidentId },
    { orderBy: { position: 'asc', createdAt: 'asc' } },
  );
  return toFollowUpDtos(em, rows);
}

/** API shape → the render context's item (what templates and static exports print). */
export function toFollowUpItem(f: FollowUpDto): FollowUpItem {
  return {
    id: f.id,
    content: f.content,
    assignee: f.assignees.length ? f.assignees.map((a) => a.name).join(', ') : null,
    dueDate: f.dueDate,
    done: f.status === 'done',
  };
}

/**
 * The document with every follow-ups block's snapshot replaced by its incident's current list, for static exports
 * (Markdown, HTML, PDF, Confluence, Drive): they show the follow-ups as they are at export time.
 */
export async function withCurrentFollowUps(em: EntityManager, doc: JSONContent): Promise<JSONContent> {
  const ids = followUpsIncidentIds(doc);
  if (ids.length === 0) return doc;
  const lists = new Map<string, FollowUpItem[]>();
  for (const id of ids) lists.set(id, (await loadFollowUps(em, id)).map(toFollowUpItem));
  return withFollowUpsSnapshot(doc, (id) =>
    lists.get(id)?.map((f) => ({
      ...(f.id ? { id: f.id } : {}),
      content: f.content,
      assignee: f.assignee ?? null,
      dueDate: f.dueDate ?? null,
      done: f.done,
    })),
  );
}
