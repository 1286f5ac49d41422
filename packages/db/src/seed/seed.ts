import type { EntityManager } from '@mikro-orm/core';
import { Incident } from '../entities/incident.entity.js';
import { Template } from '../entities/template.entity.js';
import { TimelineEntry } from '../entities/timeline-entry.entity.js';
import { User } from '../entities/user.entity.js';
import { nextIncidentPublicId } from '../incidents.js';
import { hashPassword } from '../password.js';
import { DEMO_INCIDENTS } from './incidents.js';
import { DEFAULT_TEMPLATE_NAME, SEED_TEMPLATES } from './template.js';
import { DEMO_PASSWORD, DEMO_USERS } from './users.js';

/** What {@link seedDemo} created in this call (all zero and `created: false` when everything already existed). */
export interface SeedSummary {
  users: number;
  incidents: number;
  templates: number;
  created: boolean;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Inserts the demo data: three users (one per role, password `postmortem-demo`), the out-of-the-box templates and six
 * incidents with timelines. Idempotent: users are matched by email, templates by name, incidents by title, so a
 * second call changes nothing. Runs in one transaction on a fork of `em`.
 */
export async function seedDemo(em: EntityManager): Promise<SeedSummary> {
  return em.fork().transactional(async (tx) => {
    const summary: SeedSummary = { users: 0, incidents: 0, templates: 0, created: false };

    const existingUsers = new Set(
      (await tx.find(User, { email: { $in: DEMO_USERS.map((u) => u.email) } })).map((u) => u.email),
    );
    for (const u of DEMO_USERS) {
      if (existingUsers.has(u.email)) continue;
      tx.create(User, { ...u, passwordHash: await hashPassword(DEMO_PASSWORD) });
      summary.users++;
    }

    const existingTemplates = new Set(
      (await tx.find(Template, { name: { $in: SEED_TEMPLATES.map((t) => t.name) } })).map((t) => t.name),
    );
    // Only the seed's first template becomes default, and only if no other default exists yet.
    let hasDefault = (await tx.count(Template, { isDefault: true })) > 0;
    for (const t of SEED_TEMPLATES) {
      if (existingTemplates.has(t.name)) continue;
      const makeDefault = !hasDefault && t.name === DEFAULT_TEMPLATE_NAME;
      hasDefault ||= makeDefault;
      tx.create(Template, {
        name: t.name,
        content: t.content,
        destination: 'notebook',
        isDefault: makeDefault,
        defaultAt: makeDefault ? new Date() : null,
      });
      summary.templates++;
    }

    const existingTitles = new Set(
      (await tx.find(Incident, { title: { $in: DEMO_INCIDENTS.map((i) => i.title) } })).map((i) => i.title),
    );
    const now = Date.now();
    let publicId = await nextIncidentPublicId(tx);
    for (const demo of DEMO_INCIDENTS) {
      if (existingTitles.has(demo.title)) continue;
      const detectedAt = new Date(now - Math.round(demo.detectedDaysAgo * DAY));
      const incident = tx.create(Incident, {
        publicId: publicId++,
        title: demo.title,
        severity: demo.severity,
        status: demo.status,
        visibility: demo.visibility,
        summary: demo.summary,
        commanderName: demo.commanderName,
        detectedAt,
        createdAt: detectedAt,
        resolvedAt:
          demo.resolvedAfterMinutes === null
            ? null
            : new Date(detectedAt.getTime() + demo.resolvedAfterMinutes * MINUTE),
      });
      for (const [minutes, kind, content, important, authorName] of demo.timeline) {
        const occurredAt = new Date(detectedAt.getTime() + minutes * MINUTE);
        tx.create(TimelineEntry, {
          incident,
          kind,
          content,
          important,
          authorName,
          occurredAt,
          createdAt: occurredAt,
        });
      }
      summary.incidents++;
    }

    summary.created = summary.users + summary.templates + summary.incidents > 0;
    return summary;
  });
}
