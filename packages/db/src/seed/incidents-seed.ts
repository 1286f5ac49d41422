import type { EntityManager } from '@mikro-orm/core';
import { DEFAULT_INCIDENT_TYPE_NAME } from '@pm/contracts';
import { Impact } from '../entities/impact.entity.js';
import { IncidentField } from '../entities/incident-field.entity.js';
import { IncidentType } from '../entities/incident-type.entity.js';
import { Incident } from '../entities/incident.entity.js';
import { ResponderType } from '../entities/responder-type.entity.js';
import { Responder } from '../entities/responder.entity.js';
import { TimelineEntry } from '../entities/timeline-entry.entity.js';
import { User } from '../entities/user.entity.js';
import { nextIncidentPublicId } from '../incidents.js';
import { DEMO_DETAILS, DEMO_FIELDS, DEMO_RESPONDER_TYPES } from './incidents-extra.js';
import { DEMO_INCIDENTS } from './incidents.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The "Default" incident type every installation needs (also created by the API on first use); returns it.
 * Idempotent by name.
 */
export async function ensureDefaultIncidentType(tx: EntityManager): Promise<IncidentType> {
  const existing = await tx.findOne(IncidentType, { name: DEFAULT_INCIDENT_TYPE_NAME });
  if (existing) return existing;
  return tx.create(IncidentType, {
    name: DEFAULT_INCIDENT_TYPE_NAME,
    description: 'Incidents without a more specific type.',
    isDefault: (await tx.count(IncidentType, { isDefault: true })) === 0,
  });
}

/**
 * Seeds incident configuration (default type, demo fields, responder types) and the demo incidents with their
 * commanders, creators, responders (commander + every user who wrote to the timeline), impacts, custom field
 * values and timelines. Idempotent: everything is matched by name or title. Returns how many incidents it created.
 */
export async function seedIncidents(tx: EntityManager): Promise<number> {
  const type = await ensureDefaultIncidentType(tx);
  const fieldNames = new Set((await tx.find(IncidentField, {})).map((f) => f.name));
  for (const f of DEMO_FIELDS) if (!fieldNames.has(f.name)) tx.create(IncidentField, f);
  const typesByName = new Map((await tx.find(ResponderType, {})).map((t) => [t.name, t]));
  for (const t of DEMO_RESPONDER_TYPES) {
    if (!typesByName.has(t.name)) typesByName.set(t.name, tx.create(ResponderType, t));
  }
  await tx.flush(); // users created by the caller must be queryable below
  const users = new Map((await tx.find(User, {})).map((u) => [u.name, u]));

  const existingTitles = new Set(
    (await tx.find(Incident, { title: { $in: DEMO_INCIDENTS.map((i) => i.title) } })).map((i) => i.title),
  );
  const now = Date.now();
  let publicId = await nextIncidentPublicId(tx);
  let created = 0;
  for (const demo of DEMO_INCIDENTS) {
    if (existingTitles.has(demo.title)) continue;
    const details = DEMO_DETAILS[demo.title];
    const detectedAt = new Date(now - Math.round(demo.detectedDaysAgo * DAY));
    const at = (minutes: number) => new Date(detectedAt.getTime() + minutes * MINUTE);
    const commander = users.get(demo.commanderName) ?? null;
    const firstAuthor = users.get(demo.timeline[0]?.[4] ?? '') ?? commander;
    const incident = tx.create(Incident, {
      publicId: publicId++,
      title: demo.title,
      severity: demo.severity,
      status: demo.status,
      visibility: demo.visibility,
      summary: demo.summary,
      commander,
      createdBy: firstAuthor,
      incidentType: type,
      detectedAt,
      createdAt: at(3),
      resolvedAt: demo.resolvedAfterMinutes === null ? null : at(demo.resolvedAfterMinutes),
      customFields: details?.fields ?? {},
      chatChannelUrl: `https://chat.example.com/channels/incident-${publicId - 1}`,
    });
    const team = new Map<string, Responder>();
    const join = (user: User | null | undefined, minutes: number) => {
      if (!user) return;
      const r = team.get(user.id);
      if (r) {
        r.lastActivityAt = at(minutes);
        return;
      }
      team.set(
        user.id,
        tx.create(Responder, { incident, user, createdAt: at(minutes), lastActivityAt: at(minutes) }),
      );
    };
    join(commander, 3);
    for (const [minutes, kind, content, important, authorName] of demo.timeline) {
      const author = users.get(authorName) ?? null;
      tx.create(TimelineEntry, {
        incident,
        kind,
        content,
        important,
        authorName,
        author,
        occurredAt: at(minutes),
        createdAt: at(minutes),
      });
      join(author, minutes);
    }
    if (commander) team.get(commander.id)!.role = 'incident_commander';
    for (const [name, typeName] of Object.entries(details?.roles ?? {})) {
      const user = users.get(name);
      join(user, 5);
      const r = user && team.get(user.id);
      if (r && r.role === 'responder') {
        r.role = 'custom';
        r.customType = typesByName.get(typeName) ?? null;
      }
    }
    incident.responderIds = [...team.keys()];
    for (const [start, end, description] of details?.impacts ?? []) {
      tx.create(Impact, { incident, description, startAt: at(start), endAt: end === null ? null : at(end) });
    }
    created++;
  }
  return created;
}
