import type { EntityManager } from '@mikro-orm/core';
import { Template } from '../entities/template.entity.js';
import { User } from '../entities/user.entity.js';
import { hashPassword } from '../password.js';
import { seedIncidents } from './incidents-seed.js';
import { DEFAULT_TEMPLATE_NAME, SEED_TEMPLATES } from './template.js';
import { DEMO_PASSWORD, DEMO_USERS } from './users.js';

/** What {@link seedDemo} created in this call (all zero and `created: false` when everything already existed). */
export interface SeedSummary {
  users: number;
  incidents: number;
  templates: number;
  created: boolean;
}

/**
 * Inserts the demo data: six users (one per role plus three engineers, password `postmortem-demo`), the out-of-the-box
 * templates and ten incidents with responders, impacts, custom fields and timelines (see incidents-seed.ts). Idempotent: users are matched by email, templates by name, incidents by title, so a
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

    summary.incidents = await seedIncidents(tx);

    summary.created = summary.users + summary.templates + summary.incidents > 0;
    return summary;
  });
}
