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
  'postmortem.published': 'Published publicly',
  'postmortem.unpublished': 'Public page taken down',
  'follow_up.created': 'Follow-up created',
  'follow_up.updated': 'Follow-up updated',
  'follow_up.done': 'Follow-up done',
  'follow_up.deleted': 'Follow-up deleted',
  'follow_up.exported': 'Follow-up exported',
  'template.created': 'Template created',
  'template.updated': 'Template updated',
  'template.deleted': 'Template deleted',
};

export const actionLabel = (type: string): string =>
  LABELS[type] ?? type.replace(/^[a-z_]+\./, '').replace(/_/g, ' ');

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * "status: draft → in_review; owner: Sam → Ada": one part per changed key. An id is left out when the same
 * change names it (`ownerId` beside `ownerName`).
 */
export function changeText(e: Pick<AuditEntry, 'before' | 'after'>): string {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const named = (k: string) => k.endsWith('Id') && keys.includes(`${k.slice(0, -2)}Name`);
  return keys
    .filter((k) => !named(k))
    .map((k) => {
      const label = k.endsWith('Name') ? k.slice(0, -4) : k;
      if (!(k in before)) return `${label}: ${show(after[k])}`;
      if (!(k in after)) return `${label}: ${show(before[k])} → (gone)`;
      return `${label}: ${show(before[k])} → ${show(after[k])}`;
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
