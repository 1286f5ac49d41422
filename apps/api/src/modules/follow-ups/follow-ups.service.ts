import { type EntityManager, MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type {
  CreateFollowUpInput,
  FollowUp as FollowUpDto,
  FollowUpListQuery,
  UpdateFollowUpInput,
} from '@pm/contracts';
import { FollowUp, type Incident, loadFollowUps, toFollowUpDtos, User } from '@pm/db';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { IncidentAccessEvents } from '../incidents/incident-access-events.js';
import { recordTimeline, touchResponder } from '../incidents/incident-activity.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { applyFollowUpPatch, quote } from './follow-up-changes.js';
import { FollowUpExportService } from '../trackers/follow-up-export.service.js';
import { FollowUpEvents } from './follow-up-events.js';
import { recordEvent } from '../audit/record-event.js';

/** The audited fields of a follow-up. */
const snapshot = (f: FollowUp) => ({
  content: f.content,
  assigneeIds: [...f.assigneeIds],
  dueDate: f.dueDate,
  status: f.status,
});

/** Only the keys whose values differ between two snapshots. */
function diff(a: Record<string, unknown>, b: Record<string, unknown>) {
  const keys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return [Object.fromEntries(keys.map((k) => [k, a[k]])), Object.fromEntries(keys.map((k) => [k, b[k]]))];
}

/**
 * Follow-ups of an incident. Whoever may see the incident may list them; changing them needs Incidents Write (the
 * route guard) and leaves a timeline entry with the author. A follow-up of an incident the user cannot see is a
 * 404, exactly like the incident. After each committed change, open documents of the incident are told.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
    private readonly access: IncidentAccessEvents,
    private readonly events: FollowUpEvents,
    private readonly trackers: FollowUpExportService,
  ) {}

  async list(user: AuthUser, incidentId: string, q: FollowUpListQuery): Promise<{ items: FollowUpDto[] }> {
    const incident = await this.incidents.getVisible(user, incidentId);
    const all = await loadFollowUps(this.orm.em, incident.id);
    const items = all.filter(
      (f) =>
        (q.status === 'all' || f.status === q.status) &&
        (!q.mine || f.assignees.some((a) => a.id === user.id)),
    );
    return { items };
  }

  async create(user: AuthUser, incidentId: string, input: CreateFollowUpInput): Promise<FollowUpDto> {
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    const nameOf = await this.assignees(em, input.assigneeIds);
    const last = await em.findOne(FollowUp, { incident }, { orderBy: { position: 'desc' } });
    const me = em.getReference(User, user.id);
    const f = em.create(FollowUp, {
      incident,
      content: input.content,
      assigneeIds: [...input.assigneeIds],
      dueDate: input.dueDate ?? null,
      position: last ? last.position + 1 : 0,
      createdBy: me,
      modifiedBy: me,
    });
    const extra = [
      input.assigneeIds.length ? `assigned to ${input.assigneeIds.map(nameOf).join(', ')}` : null,
      input.dueDate ? `due ${input.dueDate}` : null,
    ].filter(Boolean);
    recordTimeline(
      em,
      incident,
      user,
      `Follow-up added: ${quote(f.content)}${extra.length ? ` (${extra.join(', ')})` : ''}`,
    );
    await recordEvent(em, user, {
      type: 'follow_up.created',
      incidentId: incident.id,
      followUpId: f.id,
      after: snapshot(f),
    });
    return this.commit(em, incident, user, f, () => this.trackers.afterCreate(em, f));
  }

  async update(user: AuthUser, id: string, input: UpdateFollowUpInput): Promise<FollowUpDto> {
    const em = this.orm.em;
    const f = await this.visible(user, id);
    const nameOf = await this.assignees(em, input.assigneeIds ?? []);
    const now = new Date();
    const me = em.getReference(User, user.id);
    const was = snapshot(f);
    const changes = applyFollowUpPatch(f, input, nameOf, me, now);
    // Re-sending the current values is not a change: no timeline entry, no push, modified stays as it was.
    if (changes.length === 0 && input.position === undefined) return (await toFollowUpDtos(em, [f]))[0]!;
    f.modifiedAt = now;
    f.modifiedBy = me;
    for (const c of changes) recordTimeline(em, f.incident, user, c);
    const [before, after] = diff(was, snapshot(f));
    if (changes.length)
      await recordEvent(em, user, {
        type: after!.status === 'done' ? 'follow_up.done' : 'follow_up.updated',
        incidentId: f.incident.id,
        followUpId: f.id,
        before,
        after,
        data: { content: f.content },
      });
    // What the tracker issue mirrors: the title, the assignee and done / open (not the due date or position).
    const tracked =
      changes.length > 0 &&
      (input.content !== undefined || input.assigneeIds !== undefined || input.status !== undefined);
    return this.commit(em, f.incident, user, f, tracked ? () => this.trackers.afterChange(em, f) : undefined);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const em = this.orm.em;
    const f = await this.visible(user, id);
    const incident = f.incident;
    recordTimeline(em, incident, user, `Follow-up ${quote(f.content)} deleted`);
    await recordEvent(em, user, {
      type: 'follow_up.deleted',
      incidentId: incident.id,
      followUpId: f.id,
      before: snapshot(f),
    });
    em.remove(f);
    const joined = await touchResponder(em, incident, user);
    await em.flush();
    if (joined) await this.access.publish(incident.id);
    await this.events.publish(incident.id);
  }

  /**
   * Flush, announce, answer: the writer joins the response team like any other incident change. `afterFlush` starts
   * tracker work once the change is committed (the job reads the row), before the answer is built so it shows it.
   */
  private async commit(
    em: EntityManager,
    incident: Incident,
    user: AuthUser,
    f: FollowUp,
    afterFlush?: () => Promise<void>,
  ) {
    const joined = await touchResponder(em, incident, user);
    await em.flush();
    await afterFlush?.();
    if (joined) await this.access.publish(incident.id);
    await this.events.publish(incident.id);
    return (await toFollowUpDtos(em, [f]))[0]!;
  }

  /** The follow-up with its incident, or FOLLOW_UP_NOT_FOUND when missing or its incident is hidden from the user. */
  private async visible(user: AuthUser, id: string): Promise<FollowUp> {
    const f = await this.orm.em.findOne(FollowUp, { id }, { populate: ['incident'] });
    if (!f || !canSeeIncident(user, f.incident))
      throw new AppError('FOLLOW_UP_NOT_FOUND', `Follow-up ${id} was not found`);
    return f;
  }

  /** Checks that every assignee exists; returns their display-name lookup for timeline sentences. */
  private async assignees(em: EntityManager, ids: readonly string[]): Promise<(id: string) => string> {
    const unique = [...new Set(ids)];
    if (unique.length !== ids.length)
      throw new AppError('VALIDATION_FAILED', 'assigneeIds: a user is listed twice');
    const users = unique.length ? await em.find(User, { id: { $in: unique } }) : [];
    const byId = new Map(users.map((u) => [u.id, u.name]));
    const missing = unique.find((id) => !byId.has(id));
    if (missing) throw new AppError('USER_NOT_FOUND', `assigneeIds: user ${missing} was not found`);
    return (id) => byId.get(id) ?? id;
  }
}
