import type { EntityManager } from '@mikro-orm/core';
import { Incident } from '../entities/incident.entity.js';
import { Template } from '../entities/template.entity.js';
import { TimelineEntry } from '../entities/timeline-entry.entity.js';
import { User } from '../entities/user.entity.js';
import { nextIncidentPublicId } from '../incidents.js';
import { hashPassword } from '../password.js';
import { DEMO_INCIDENTS } from './incidents.js';
import { DEFAULT_TEMPLATE_CONTENT, DEFAULT_TEMPLATE_NAME } from './template.js';
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
 * Inserts the demo data: three users (one per role, password `postmortem-demo`), the default template and six
 * incidents with timelines. Idempotent: users are matched by email, the template by name, incidents by title, so a
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

    if (!(await tx.count(Template, { name: DEFAULT_TEMPLATE_NAME }))) {
      // Only the seed's template becomes default if no other default exists yet.
      const hasDefault = (await tx.count(Template, { isDefault: true })) > 0;
      tx.create(Template, {
        name: DEFAULT_TEMPLATE_NAME,
        content: DEFAULT_TEMPLATE_CONTENT,
        destination: 'notebook',
        isDefault: !hasDefault,
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
