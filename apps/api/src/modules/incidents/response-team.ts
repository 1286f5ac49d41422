import type { EntityManager } from '@mikro-orm/core';
import { Incident, Responder, ResponderType, User } from '@pm/db';
import { AppError } from '../../common/errors.js';

export type AssignableRole = 'incident_commander' | 'responder' | 'custom';

/**
 * Puts `userId` on the team with `role` (adding them if needed) and keeps the one-person rules: a new Incident
 * Commander demotes the previous one to Responder and becomes `incident.commander`; a one-person custom type moves
 * the same way. Keeps `incident.responderIds` in sync. Returns the row and whether the team (access) changed.
 */
export async function assignRole(
  em: EntityManager,
  incident: Incident,
  userId: string,
  role: AssignableRole,
  customTypeId?: string,
): Promise<{ responder: Responder; added: boolean }> {
  const user = await em.findOne(User, { id: userId });
  if (!user) throw new AppError('USER_NOT_FOUND', `userId: user ${userId} was not found`);
  let customType: ResponderType | null = null;
  if (role === 'custom') {
    customType = await em.findOne(ResponderType, { id: customTypeId! });
    if (!customType)
      throw new AppError(
        'RESPONDER_TYPE_NOT_FOUND',
        `customTypeId: responder type ${customTypeId} was not found`,
      );
  }
  const team = await em.find(Responder, { incident }, { populate: ['user', 'customType'] });
  let responder = team.find((r) => r.user.id === userId);
  const added = !responder;
  responder ??= em.create(Responder, { incident, user });
  if (added) incident.responderIds = [...incident.responderIds, userId];

  for (const other of team) {
    if (other === responder) continue;
    const sameOnePersonRole =
      (role === 'incident_commander' && other.role === 'incident_commander') ||
      (role === 'custom' && customType?.onePerson && other.customType?.id === customType.id);
    if (sameOnePersonRole) {
      other.role = 'responder';
      other.customType = null;
    }
  }
  if (role === 'incident_commander') incident.commander = user;
  else if (incident.commander?.id === userId) incident.commander = null;
  responder.role = role;
  responder.customType = customType;
  return { responder, added };
}

/** Removes a responder: only one without a role and without activity (reference product rule). */
export async function removeResponder(em: EntityManager, incident: Incident, userId: string): Promise<void> {
  const r = await em.findOne(Responder, { incident, user: userId });
  if (!r) throw new AppError('RESPONDER_NOT_FOUND', `User ${userId} is not a responder of this incident`);
  if (r.role !== 'responder' || r.lastActivityAt) {
    throw new AppError(
      'RESPONDER_NOT_REMOVABLE',
      'A responder who holds a role or has activity on the incident cannot be removed',
      { role: r.role, lastActivityAt: r.lastActivityAt?.toISOString() ?? null },
    );
  }
  em.remove(r);
  incident.responderIds = incident.responderIds.filter((id) => id !== userId);
}
