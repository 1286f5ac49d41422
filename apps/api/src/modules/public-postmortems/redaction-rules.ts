import type { EntityManager } from '@mikro-orm/core';
import {
  FollowUp,
  IncidentField,
  loadDocumentState,
  Postmortem,
  Responder,
  TimelineEntry,
  User,
} from '@pm/db';
import { commentAuthorsOfState, type PublicRedactionRules } from '@pm/doc-model';

/** The spellings of a person's name a document may contain. */
const spellings = (u: Pick<User, 'name' | 'handle' | 'email'>) =>
  [u.name, u.handle, `@${u.handle}`, u.email].filter((s): s is string => !!s);

/**
 * The redaction rules of one postmortem: everyone the incident names (commander first, then the owner, responders by
 * their role, follow-up assignees, comment and timeline authors) with the role name put in their place, every
 * custom field value of the incident, and the configured internal hosts.
 */
export async function redactionRules(
  em: EntityManager,
  pm: Postmortem,
  internalHosts: string[],
): Promise<PublicRedactionRules> {
  const incident = pm.incident;
  const people: PublicRedactionRules['people'] = [];
  const add = (u: User | null | undefined, role: string) => {
    if (u) people.push({ names: spellings(u), role });
  };
  const responders = await em.find(
    Responder,
    { incident: incident.id },
    { populate: ['user', 'customType'] },
  );
  const commander = incident.commander ? await em.findOne(User, { id: incident.commander.id }) : null;
  add(commander, 'the incident commander');
  for (const r of responders) if (r.role === 'incident_commander') add(r.user, 'the incident commander');
  add(pm.owner, 'the postmortem owner');
  for (const r of responders) if (r.role !== 'incident_commander') add(r.user, 'a responder');

  const extraIds = new Set<string>();
  for (const f of await em.find(FollowUp, { incident: incident.id }))
    for (const id of f.assigneeIds) extraIds.add(id);
  for (const t of await em.find(TimelineEntry, { incident: incident.id }, { fields: ['author'] }))
    if (t.author) extraIds.add(t.author.id);
  const state = pm.document ? await loadDocumentState(em, pm.document.id) : null;
  const commentAuthors = state ? commentAuthorsOfState(state) : [];
  for (const c of commentAuthors) extraIds.add(c.id);
  const extra = extraIds.size ? await em.find(User, { id: { $in: [...extraIds] } }) : [];
  for (const u of extra) add(u, 'a team member');
  // A comment author's name as the comment stored it (it may differ from the current profile).
  for (const c of commentAuthors) people.push({ names: [c.name], role: 'a team member' });

  const fields = await em.find(IncidentField, {});
  const byName = new Map(fields.map((f) => [f.name, f]));
  const customFields = Object.entries(incident.customFields ?? {}).map(([name, value]) => {
    const def = byName.get(name);
    const values = (Array.isArray(value) ? value : [value])
      .filter((v) => v !== null && v !== undefined && v !== '')
      .map((v) => String(v));
    return { labels: [name, ...(def ? [def.displayName] : [])], values };
  });
  // Fields without a value still label lines ("Team: —") that the author should not publish.
  for (const f of fields)
    if (!(f.name in (incident.customFields ?? {})))
      customFields.push({ labels: [f.name, f.displayName], values: [] });
  return { people, customFields, internalHosts };
}
