import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_REVIEW_PROCESS,
  type ReviewProcess,
  type ReviewProcessDefinition as DefinitionDto,
  type ReviewStepStatus,
  type ScheduleReviewMeetingInput,
  type UpdateReviewStepInput,
} from '@pm/contracts';
import {
  Incident,
  IncidentType,
  Postmortem,
  recordDomainEvent,
  Responder,
  ReviewMeeting,
  ReviewProcessDefinition,
  ReviewStep,
  User,
  type Em,
} from '@pm/db';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { AppError } from '../../common/errors.js';
import { currentRequestId } from '../../infra/request-id.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { recordTimeline } from '../incidents/incident-activity.js';
import { PostmortemChanges } from '../postmortems/postmortem-changes.js';
import { PostmortemsService } from '../postmortems/postmortems.service.js';
import { buildMeetingIcs } from './ics.js';
import { applyReviewProcess } from './instantiate.js';
import { toMeetingDto, toStepDto } from './review-process.mapper.js';

const STATUS_WORDS: Record<ReviewStepStatus, string> = { open: 'reopened', done: 'done', skipped: 'skipped' };

/**
 * The review process of a postmortem: steps given out from the incident type's definition (see instantiate.ts),
 * their done / skipped state, and the review meeting with its .ics invite. Reading needs sight of the incident;
 * changes need Incidents Write (route guard). Every change writes a domain event and a timeline entry in the same
 * flush as the change.
 */
@Injectable()
export class ReviewProcessService {
  constructor(
    private readonly orm: MikroORM,
    private readonly postmortems: PostmortemsService,
    private readonly changes: PostmortemChanges,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  async get(user: AuthUser, pmId: string): Promise<ReviewProcess> {
    const pm = await this.postmortems.getVisible(user, pmId);
    return this.view(this.orm.em, pm.id);
  }

  /** Gives out (or refreshes the owners and due dates of) the steps the incident's type and severity call for. */
  async apply(user: AuthUser, pmId: string): Promise<ReviewProcess> {
    const em = this.orm.em;
    const pm = await this.postmortems.getVisible(user, pmId);
    const before = await em.count(ReviewStep, { postmortem: pm.id });
    const steps = await applyReviewProcess(em, pm.id);
    if (steps.length !== before)
      recordTimeline(
        em,
        pm.incident,
        user,
        `Review process applied to "${pm.title}" (${steps.length} steps)`,
      );
    await em.flush();
    return this.view(em, pm.id);
  }

  async updateStep(user: AuthUser, pmId: string, stepId: string, input: UpdateReviewStepInput) {
    const em = this.orm.em;
    const pm = await this.postmortems.getVisible(user, pmId);
    const step = await em.findOne(ReviewStep, { id: stepId, postmortem: pm.id });
    if (!step) throw new AppError('REVIEW_STEP_NOT_FOUND', `Review step ${stepId} was not found`);
    if (step.status === input.status) return this.view(em, pm.id);
    if (input.status === 'skipped' && step.required)
      throw new AppError(
        'REVIEW_STEP_REQUIRED',
        `"${step.name}" is required for a ${pm.incident.severity} incident and cannot be skipped`,
        { stepId: step.id, key: step.key, severity: pm.incident.severity },
      );
    await this.changeStep(em, user, pm as Postmortem, step, input.status);
    await em.flush();
    this.changes.changed(pm.incident.id, pm.id);
    return this.view(em, pm.id);
  }

  /**
   * Schedules (or reschedules: same UID, next SEQUENCE) the review meeting, invites the incident's responders
   * through the notification channel (a domain event carrying the .ics) and completes the "schedule" step.
   * `origin` makes the postmortem link in the invite absolute (only an allowed web origin is used).
   */
  async schedule(user: AuthUser, pmId: string, input: ScheduleReviewMeetingInput, origin?: string) {
    const em = this.orm.em;
    const pm = await this.postmortems.getVisible(user, pmId);
    const startAt = new Date(input.startAt);
    const endAt = new Date(startAt.getTime() + input.durationMinutes * 60_000);
    let meeting = await em.findOne(ReviewMeeting, { postmortem: pm.id });
    const before = meeting
      ? { startAt: meeting.startAt.toISOString(), endAt: meeting.endAt.toISOString() }
      : null;
    if (meeting) {
      Object.assign(meeting, {
        startAt,
        endAt,
        location: input.location || null,
        sequence: meeting.sequence + 1,
      });
      meeting.organizer = em.getReference(User, user.id);
    } else {
      meeting = em.create(ReviewMeeting, {
        postmortem: em.getReference(Postmortem, pm.id),
        uid: `review-${pm.id}@postmortems`,
        startAt,
        endAt,
        location: input.location || null,
        organizer: em.getReference(User, user.id),
      });
    }
    meeting.updatedAt = new Date();
    const { ics, attendees, link } = await this.invite(em, pm.id, meeting, origin);
    const when = `${startAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    await recordDomainEvent(em as Em, {
      type: 'postmortem.review_meeting_scheduled',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      actorId: user.id,
      requestId: currentRequestId() ?? null,
      before,
      after: { startAt: startAt.toISOString(), endAt: endAt.toISOString() },
      data: { uid: meeting.uid, sequence: meeting.sequence, location: meeting.location },
      notify: {
        userIds: attendees.map((a) => a.id).slice(0, 200),
        title: `Postmortem review: ${pm.incident.title}`,
        body: `${user.name} scheduled the review of "${pm.title}" for ${when}${meeting.location ? ` (${meeting.location})` : ''}.`,
        link: link.path,
        ics,
      },
    });
    recordTimeline(em, pm.incident, user, `Review meeting for "${pm.title}" scheduled for ${when}`);
    const step = await em.findOne(ReviewStep, { postmortem: pm.id, key: 'schedule_review', status: 'open' });
    if (step) await this.changeStep(em, user, pm as Postmortem, step, 'done');
    await em.flush();
    this.changes.changed(pm.incident.id, pm.id);
    return this.view(em, pm.id);
  }

  /** The meeting's .ics (as sent), for download. */
  async ics(user: AuthUser, pmId: string, origin?: string): Promise<{ ics: string; filename: string }> {
    const em = this.orm.em;
    const pm = await this.postmortems.getVisible(user, pmId);
    const meeting = await em.findOne(ReviewMeeting, { postmortem: pm.id });
    if (!meeting) throw new AppError('REVIEW_MEETING_NOT_FOUND', 'No review meeting was scheduled yet');
    const { ics } = await this.invite(em, pm.id, meeting, origin);
    return { ics, filename: `postmortem-review-${pm.incident.publicId}.ics` };
  }

  // ---- definitions (admin settings) ----

  async definitions(): Promise<{ items: DefinitionDto[] }> {
    const em = this.orm.em;
    const [types, defs] = await Promise.all([
      em.find(IncidentType, {}, { orderBy: { name: 'asc' } }),
      em.find(ReviewProcessDefinition, {}),
    ]);
    const byType = new Map(defs.map((d) => [d.incidentType.id, d]));
    return {
      items: types.map((t) => ({
        incidentTypeId: t.id,
        incidentTypeName: t.name,
        customized: byType.has(t.id),
        steps: byType.get(t.id)?.steps ?? DEFAULT_REVIEW_PROCESS,
      })),
    };
  }

  async putDefinition(typeId: string, steps: DefinitionDto['steps']): Promise<DefinitionDto> {
    const em = this.orm.em;
    const type = await em.findOne(IncidentType, typeId);
    if (!type) throw new AppError('INCIDENT_TYPE_NOT_FOUND', `Incident type ${typeId} was not found`);
    const def = await em.findOne(ReviewProcessDefinition, { incidentType: type });
    if (def) def.steps = steps;
    else em.create(ReviewProcessDefinition, { incidentType: type, steps });
    await em.flush();
    return { incidentTypeId: type.id, incidentTypeName: type.name, customized: true, steps };
  }

  // ---- helpers ----

  private async changeStep(
    em: EntityManager,
    user: AuthUser,
    pm: Postmortem,
    step: ReviewStep,
    status: ReviewStepStatus,
  ) {
    const from = step.status;
    step.status = status;
    step.changedAt = new Date();
    step.changedBy = em.getReference(User, user.id);
    await recordDomainEvent(em as Em, {
      type: 'postmortem.review_step_changed',
      incidentId: pm.incident.id,
      postmortemId: pm.id,
      actorId: user.id,
      requestId: currentRequestId() ?? null,
      before: { status: from },
      after: { status },
      data: { stepId: step.id, key: step.key, name: step.name, required: step.required },
    });
    recordTimeline(
      em,
      pm.incident,
      user,
      `Review step "${step.name}" of "${pm.title}" ${STATUS_WORDS[status]}`,
    );
  }

  private async view(em: EntityManager, pmId: string): Promise<ReviewProcess> {
    const pm = await em.findOneOrFail(Postmortem, pmId, { populate: ['incident'] });
    const steps = await em.find(
      ReviewStep,
      { postmortem: pmId },
      { populate: ['owner', 'changedBy'], orderBy: { position: 'asc', createdAt: 'asc' } },
    );
    const meeting = await em.findOne(ReviewMeeting, { postmortem: pmId }, { populate: ['organizer'] });
    const attendeeCount = meeting ? await em.count(Responder, { incident: pm.incident.id }) : 0;
    return {
      postmortemId: pmId,
      severity: (pm.incident as Incident).severity,
      steps: steps.map(toStepDto),
      meeting: meeting ? toMeetingDto(meeting, attendeeCount) : null,
    };
  }

  /** The invite for the meeting: every responder of the incident is an attendee. */
  private async invite(em: EntityManager, pmId: string, meeting: ReviewMeeting, origin?: string) {
    const pm = await em.findOneOrFail(Postmortem, pmId, { populate: ['incident'] });
    const responders = await em.find(
      Responder,
      { incident: pm.incident.id },
      { populate: ['user'], orderBy: { createdAt: 'asc' } },
    );
    const organizer = meeting.organizer ? await em.findOne(User, meeting.organizer.id) : null;
    const path = `/incidents/${pm.incident.publicId}/post-incident/${pm.id}`;
    const base =
      origin && this.cfg.ALLOWED_ORIGINS.includes(origin) ? origin : (this.cfg.ALLOWED_ORIGINS[0] ?? '');
    const url = `${base}${path}`;
    const attendees = responders.map((r) => r.user);
    const ics = buildMeetingIcs({
      uid: meeting.uid,
      sequence: meeting.sequence,
      stamp: meeting.updatedAt,
      start: meeting.startAt,
      end: meeting.endAt,
      summary: `Postmortem review: ${pm.incident.title}`,
      description: `Review of the postmortem "${pm.title}" (incident #${pm.incident.publicId}).\n${url}`,
      url,
      location: meeting.location,
      organizer: { name: organizer?.name ?? 'Postmortems', email: organizer?.email ?? 'noreply@invalid' },
      attendees: attendees.map((u) => ({ name: u.name, email: u.email })),
    });
    return { ics, attendees, link: { path, url } };
  }
}
