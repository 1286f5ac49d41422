import type { EntityManager } from '@mikro-orm/core';
import type { UpdateIncidentInput } from '@pm/contracts';
import { IncidentType, type Incident } from '@pm/db';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { recordTimeline, touchResponder } from './incident-activity.js';
import { assertTimestamps, assertTransition, resolvedAtAfter } from './incident-rules.js';
import { assignRole } from './response-team.js';

const fmt = (d: Date | null) => (d ? d.toISOString().replace('.000Z', 'Z') : 'none');

/**
 * Applies a validated PATCH to a loaded incident: status transitions (INVALID_STATUS_TRANSITION), timestamp
 * consistency (TIMESTAMPS_INCONSISTENT), commander reassignment; records one "incident update" cell per change and
 * makes the actor a responder. `customFields` must already be checked and merged. Nothing is flushed here.
 */
export async function applyIncidentPatch(
  em: EntityManager,
  incident: Incident,
  actor: AuthUser,
  input: Omit<UpdateIncidentInput, 'customFields'> & { customFields?: Record<string, unknown> },
): Promise<{ accessChanged: boolean }> {
  const changes: string[] = [];
  let accessChanged = false;
  const now = new Date();

  if (input.status && input.status !== incident.status) {
    assertTransition(incident.status, input.status);
    incident.resolvedAt = resolvedAtAfter(incident.status, input.status, incident.resolvedAt, now);
    changes.push(`Status changed from ${incident.status} to ${input.status}`);
    incident.status = input.status;
  }
  if (input.severity && input.severity !== incident.severity) {
    changes.push(`Severity changed from ${incident.severity} to ${input.severity}`);
    incident.severity = input.severity;
  }
  if (input.title !== undefined && input.title !== incident.title) {
    changes.push(`Title changed to "${input.title}"`);
    incident.title = input.title;
  }
  if (input.visibility && input.visibility !== incident.visibility) {
    changes.push(`Visibility changed from ${incident.visibility} to ${input.visibility}`);
    incident.visibility = input.visibility;
    accessChanged = true;
  }
  if (input.summary !== undefined && input.summary !== incident.summary) {
    changes.push('Summary updated');
    incident.summary = input.summary;
  }
  if (input.incidentTypeId && input.incidentTypeId !== incident.incidentType?.id) {
    const type = await em.findOne(IncidentType, { id: input.incidentTypeId });
    if (!type)
      throw new AppError('INCIDENT_TYPE_NOT_FOUND', `Incident type ${input.incidentTypeId} was not found`);
    changes.push(`Incident type set to ${type.name}`);
    incident.incidentType = type;
  }
  for (const key of ['chatChannelUrl', 'meetingUrl'] as const) {
    if (input[key] !== undefined && input[key] !== incident[key]) {
      changes.push(
        `${key === 'chatChannelUrl' ? 'Chat channel' : 'Meeting link'} set to ${input[key] ?? 'none'}`,
      );
      incident[key] = input[key];
    }
  }
  if (input.customFields) {
    changes.push('Custom fields updated');
    incident.customFields = input.customFields;
  }

  // Timestamp overrides, then one consistency check over the result.
  const declaredAt = input.declaredAt ? new Date(input.declaredAt) : incident.createdAt;
  const detectedAt =
    input.detectedAt === undefined
      ? incident.detectedAt
      : input.detectedAt === null
        ? null
        : new Date(input.detectedAt);
  let resolvedAt = incident.resolvedAt;
  if (input.resolvedAt) {
    if (incident.status !== 'resolved' && incident.status !== 'completed') {
      throw new AppError('TIMESTAMPS_INCONSISTENT', 'resolvedAt: the incident is not resolved', {
        issues: [{ path: 'resolvedAt', message: 'the incident is not resolved', code: 'not_resolved' }],
      });
    }
    resolvedAt = new Date(input.resolvedAt);
  }
  assertTimestamps({ declaredAt, detectedAt, resolvedAt });
  if (declaredAt.getTime() !== incident.createdAt.getTime())
    changes.push(`Declared time set to ${fmt(declaredAt)}`);
  if ((detectedAt?.getTime() ?? null) !== (incident.detectedAt?.getTime() ?? null))
    changes.push(`Detected time set to ${fmt(detectedAt)}`);
  if (input.resolvedAt && resolvedAt?.getTime() !== incident.resolvedAt?.getTime())
    changes.push(`Resolved time set to ${fmt(resolvedAt)}`);
  incident.createdAt = declaredAt;
  incident.detectedAt = detectedAt;
  incident.resolvedAt = resolvedAt;

  if (input.commanderId !== undefined && input.commanderId !== (incident.commander?.id ?? null)) {
    if (input.commanderId === null) {
      changes.push('Incident Commander unassigned');
      const prev = incident.commander!.id;
      await assignRole(em, incident, prev, 'responder');
    } else {
      const { added, responder } = await assignRole(em, incident, input.commanderId, 'incident_commander');
      accessChanged ||= added;
      changes.push(`${responder.user.name} is now Incident Commander`);
    }
  }

  if (changes.length === 0) return { accessChanged };
  for (const c of changes) recordTimeline(em, incident, actor, c);
  accessChanged = (await touchResponder(em, incident, actor)) || accessChanged;
  return { accessChanged };
}
