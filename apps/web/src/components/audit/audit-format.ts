import type { AuditEntry } from '@pm/api-client';

/** Readable names of event types (the raw type stays in the export). */
const LABELS: Record<string, string> = {
  'postmortem.generation_requested': 'Generation requested',
  'postmortem.generated': 'Generated',
  'postmortem.failed': 'Generation failed',
  'postmortem.attached': 'Link attached',
  'postmortem.removed': 'Link removed',
  'postmortem.status_changed': 'Status changed',
  'postmortem.owner_changed': 'Owner changed',
  'postmortem.title_changed': 'Renamed',
  'postmortem.export_requested': 'Export requested',
  'postmortem.exported': 'Exported',
  'postmortem.export_failed': 'Export failed',
  'postmortem.version_restored': 'Version restored',
  'postmortem.reviewers_changed': 'Reviewers changed',
  'postmortem.review_requested': 'Review requested',
  'postmortem.approved': 'Approved',
  'postmortem.changes_requested': 'Changes requested',
  'postmortem.approvals_stale': 'Approvals made stale',
  'postmortem.reopened': 'Reopened',
  'postmortem.review_step_changed': 'Review step changed',
  'postmortem.review_meeting_scheduled': 'Review meeting scheduled',
  'postmortem.quality_checked': 'Quality checked',
  'postmortem.refreshed': 'Refreshed from incident',
  'postmortem.reminder': 'Reminder sent',
  'postmortem.published': 'Published publicly',
  'postmortem.unpublished': 'Public page taken down',
  'follow_up.created': 'Follow-up created',
  'follow_up.updated': 'Follow-up updated',
  'follow_up.done': 'Follow-up done',
  'follow_up.deleted': 'Follow-up deleted',
  'follow_up.exported': 'Follow-up exported',
  'follow_up.reminder': 'Follow-up reminder sent',
  'template.created': 'Template created',
  'template.updated': 'Template updated',
  'template.deleted': 'Template deleted',
};

export const actionLabel = (type: string): string =>
  LABELS[type] ?? type.replace(/^[a-z_]+\./, '').replace(/_/g, ' ');

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** A list of user ids (`reviewerIds`, `assigneeIds`) as names where the reader knows them. */
const showUsers = (v: unknown, names: ReadonlyMap<string, string>): string =>
  Array.isArray(v) && v.every((x) => typeof x === 'string')
    ? v.length
      ? v.map((id: string) => names.get(id) ?? id).join(', ')
      : 'nobody'
    : show(v);

/**
 * "status: draft → in_review; owner: Sam → Ada": one part per changed key. An id is left out when the same
 * change names it (`ownerId` beside `ownerName`); a key present on both sides with the same value is left out
 * (a rule change lists what changed, not every setting); user id lists show names from `names`.
 */
export function changeText(
  e: Pick<AuditEntry, 'before' | 'after'>,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const named = (k: string) => k.endsWith('Id') && keys.includes(`${k.slice(0, -2)}Name`);
  const same = (k: string) =>
    k in before && k in after && JSON.stringify(before[k]) === JSON.stringify(after[k]);
  return keys
    .filter((k) => !named(k) && !same(k))
    .map((k) => {
      const label = k.endsWith('Name') ? k.slice(0, -4) : k.endsWith('Ids') ? `${k.slice(0, -3)}s` : k;
      const fmt = (v: unknown) => (k.endsWith('Ids') ? showUsers(v, names) : show(v));
      if (!(k in before)) return `${label}: ${fmt(after[k])}`;
      if (!(k in after)) return `${label}: ${fmt(before[k])} → (gone)`;
      return `${label}: ${fmt(before[k])} → ${fmt(after[k])}`;
    })
    .join('; ');
}

/** Where the entry points to in the app, and how to name it. */
export function targetOf(e: AuditEntry): { to: string | null; text: string } {
  const data = { ...(e.before ?? {}), ...(e.after ?? {}), ...(e.data ?? {}) } as Record<string, unknown>;
  const incident = e.incidentPublicId ? `#${e.incidentPublicId}` : e.incidentId ? 'deleted incident' : '';
  if (e.postmortemId && e.incidentId) {
    const title = typeof data.title === 'string' ? data.title : 'Postmortem';
    return { to: `/incidents/${e.incidentId}/post-incident/${e.postmortemId}`, text: `${incident} ${title}` };
  }
  if (e.followUpId && e.incidentId)
    return {
      to: `/incidents/${e.incidentId}/overview`,
      text: `${incident} follow-up ${typeof data.content === 'string' ? `"${data.content}"` : ''}`.trim(),
    };
  if (e.templateId) return { to: '/settings/templates', text: `Template ${show(data.name)}` };
  if (e.incidentId) return { to: `/incidents/${e.incidentId}`, text: incident };
  return { to: null, text: '—' };
}
