import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type {
  AddResponderInput,
  CreateImpactInput,
  Impact as ImpactDto,
  Responder as ResponderDto,
  UpdateImpactInput,
  UpdateResponderInput,
} from '@pm/contracts';
import { Impact, Postmortem, Responder } from '@pm/db';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { IncidentAccessEvents } from './incident-access-events.js';
import { recordTimeline, touchResponder } from './incident-activity.js';
import { toImpactDto, toPerson, toResponderDto } from './incident.mapper.js';
import { assertImpactTimes } from './incident-rules.js';
import { IncidentsService } from './incidents.service.js';
import { assignRole, removeResponder } from './response-team.js';

/** Response team (responders and roles) and customer impacts of an incident. */
@Injectable()
export class TeamService {
  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
    private readonly access: IncidentAccessEvents,
  ) {}

  /**
   * The response team, plus one "Postmortem owner" entry per owner of a linked postmortem (system role, derived from
   * the postmortems table; it grants no access by itself).
   */
  async responders(user: AuthUser, incidentId: string): Promise<{ items: ResponderDto[] }> {
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    const [rows, pms] = await Promise.all([
      em.find(Responder, { incident }, { populate: ['user', 'customType'], orderBy: { createdAt: 'asc' } }),
      em.find(
        Postmortem,
        { incident, removedAt: null, owner: { $ne: null } },
        { populate: ['owner'], orderBy: { createdAt: 'asc' } },
      ),
    ]);
    const owners: ResponderDto[] = pms.map((p) => ({
      user: toPerson(p.owner!),
      role: 'postmortem_owner',
      roleName: 'Postmortem owner',
      customTypeId: null,
      postmortemId: p.id,
      addedAt: p.createdAt.toISOString(),
      lastActivityAt: null,
    }));
    return { items: [...rows.map(toResponderDto), ...owners] };
  }

  async addResponder(user: AuthUser, incidentId: string, input: AddResponderInput): Promise<ResponderDto> {
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    const { responder, added } = await assignRole(em, incident, input.userId, input.role, input.customTypeId);
    recordTimeline(
      em,
      incident,
      user,
      `${responder.user.name} ${added ? 'added' : 'set'} as ${toResponderDto(responder).roleName}`,
    );
    const joined = user.id !== input.userId && (await touchResponder(em, incident, user));
    await em.flush();
    if (added || joined) await this.access.publish(incident.id);
    return toResponderDto(responder);
  }

  async updateResponder(
    user: AuthUser,
    incidentId: string,
    userId: string,
    input: UpdateResponderInput,
  ): Promise<ResponderDto> {
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    if (!(await em.count(Responder, { incident, user: userId })))
      throw new AppError('RESPONDER_NOT_FOUND', `User ${userId} is not a responder of this incident`);
    const { responder } = await assignRole(em, incident, userId, input.role, input.customTypeId);
    recordTimeline(em, incident, user, `${responder.user.name} is now ${toResponderDto(responder).roleName}`);
    const joined = await touchResponder(em, incident, user);
    await em.flush();
    if (joined) await this.access.publish(incident.id);
    return toResponderDto(responder);
  }

  async removeResponder(user: AuthUser, incidentId: string, userId: string): Promise<void> {
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    await removeResponder(em, incident, userId);
    await em.flush();
    await this.access.publish(incident.id);
  }

  async impacts(user: AuthUser, incidentId: string): Promise<{ items: ImpactDto[] }> {
    const incident = await this.incidents.getVisible(user, incidentId);
    const rows = await this.orm.em.find(Impact, { incident }, { orderBy: { startAt: 'asc' } });
    return { items: rows.map(toImpactDto) };
  }

  async addImpact(user: AuthUser, incidentId: string, input: CreateImpactInput): Promise<ImpactDto> {
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    const startAt = new Date(input.startAt);
    const endAt = input.endAt ? new Date(input.endAt) : null;
    assertImpactTimes(startAt, endAt);
    const impact = em.create(Impact, { incident, description: input.description, startAt, endAt });
    recordTimeline(em, incident, user, `Impact added: ${input.description}`);
    const joined = await touchResponder(em, incident, user);
    await em.flush();
    if (joined) await this.access.publish(incident.id);
    return toImpactDto(impact);
  }

  async updateImpact(user: AuthUser, incidentId: string, impactId: string, input: UpdateImpactInput) {
    const em = this.orm.em;
    const impact = await this.impact(user, incidentId, impactId);
    const startAt = input.startAt ? new Date(input.startAt) : impact.startAt;
    const endAt =
      input.endAt === undefined ? impact.endAt : input.endAt === null ? null : new Date(input.endAt);
    assertImpactTimes(startAt, endAt);
    Object.assign(impact, { startAt, endAt, description: input.description ?? impact.description });
    recordTimeline(
      em,
      impact.incident,
      user,
      endAt ? `Impact ended: ${impact.description}` : `Impact updated: ${impact.description}`,
    );
    await touchResponder(em, impact.incident, user);
    await em.flush();
    return toImpactDto(impact);
  }

  async removeImpact(user: AuthUser, incidentId: string, impactId: string): Promise<void> {
    const em = this.orm.em;
    const impact = await this.impact(user, incidentId, impactId);
    recordTimeline(em, impact.incident, user, `Impact removed: ${impact.description}`);
    em.remove(impact);
    await em.flush();
  }

  private async impact(user: AuthUser, incidentId: string, impactId: string): Promise<Impact> {
    const incident = await this.incidents.getVisible(user, incidentId);
    const impact = await this.orm.em.findOne(Impact, { id: impactId, incident });
    if (!impact) throw new AppError('IMPACT_NOT_FOUND', `Impact ${impactId} was not found`);
    impact.incident = incident;
    return impact;
  }
}
