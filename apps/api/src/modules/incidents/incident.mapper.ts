import {
  responderRoleName,
  type CustomFieldValues,
  type Impact as ImpactDto,
  type Incident as IncidentDto,
  type IncidentField as IncidentFieldDto,
  type IncidentType as IncidentTypeDto,
  type Person,
  type Responder as ResponderDto,
  type ResponderType as ResponderTypeDto,
  type TimelineEntry as TimelineDto,
} from '@pm/contracts';
import type {
  Impact,
  Incident,
  IncidentField,
  IncidentType,
  Responder,
  ResponderType,
  TimelineEntry,
  User,
} from '@pm/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toPerson = (u: User): Person => ({ id: u.id, name: u.name, email: u.email, handle: u.handle });

export const toIncidentTypeDto = (t: IncidentType): IncidentTypeDto => ({
  id: t.id,
  name: t.name,
  description: t.description,
  isDefault: t.isDefault,
});

/** Needs `commander`, `createdBy` and `incidentType` populated (unpopulated ones render as null). */
export const toIncidentDto = (i: Incident): IncidentDto => {
  const commander = i.commander?.name !== undefined ? i.commander : null;
  const createdBy = i.createdBy?.name !== undefined ? i.createdBy : null;
  const type = i.incidentType?.name !== undefined ? i.incidentType : null;
  return {
    id: i.id,
    publicId: i.publicId,
    title: i.title,
    severity: i.severity,
    status: i.status,
    visibility: i.visibility,
    summary: i.summary,
    commanderName: commander?.name ?? null,
    commander: commander ? toPerson(commander) : null,
    createdBy: createdBy ? toPerson(createdBy) : null,
    incidentType: type ? toIncidentTypeDto(type) : null,
    chatChannelUrl: i.chatChannelUrl,
    meetingUrl: i.meetingUrl,
    createdAt: i.createdAt.toISOString(),
    detectedAt: iso(i.detectedAt),
    resolvedAt: iso(i.resolvedAt),
    updatedAt: i.updatedAt.toISOString(),
  };
};

export const toTimelineDto = (t: TimelineEntry): TimelineDto => ({
  id: t.id,
  kind: t.kind,
  content: t.content,
  important: t.important,
  authorName: t.authorName,
  authorId: t.author?.id ?? null,
  occurredAt: t.occurredAt.toISOString(),
  tags: t.tags ?? [],
});

export const toImpactDto = (i: Impact): ImpactDto => ({
  id: i.id,
  description: i.description,
  startAt: i.startAt.toISOString(),
  endAt: iso(i.endAt),
});

export const toResponderTypeDto = (t: ResponderType): ResponderTypeDto => ({
  id: t.id,
  name: t.name,
  description: t.description,
  onePerson: t.onePerson,
});

/** Needs `user` and `customType` populated. */
export const toResponderDto = (r: Responder): ResponderDto => ({
  user: toPerson(r.user),
  role: r.role,
  roleName: responderRoleName(r.role, r.customType?.name),
  customTypeId: r.customType?.id ?? null,
  postmortemId: null,
  addedAt: r.createdAt.toISOString(),
  lastActivityAt: iso(r.lastActivityAt),
});

export const toFieldDto = (f: IncidentField): IncidentFieldDto => ({
  id: f.id,
  name: f.name,
  displayName: f.displayName,
  type: f.type,
  options: f.options,
});

/** Only values of defined fields are shown (a deleted definition hides its old values). */
export function visibleFieldValues(i: Incident, fields: IncidentField[]): CustomFieldValues {
  const out: CustomFieldValues = {};
  for (const f of fields) {
    const v = i.customFields[f.name];
    if (v !== undefined && v !== null) out[f.name] = v as CustomFieldValues[string];
  }
  return out;
}
