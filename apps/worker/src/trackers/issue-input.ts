import type { FollowUp } from '@pm/db';
import type { TrackerIssueInput } from '@pm/integrations';

/** Tracker titles are one line; Jira caps a summary at 255 characters. */
export function issueTitle(content: string): string {
  const line = content.split('\n', 1)[0]?.trim() || 'Follow-up';
  return line.length > 250 ? `${line.slice(0, 249)}…` : line;
}

/** The tracker user of the item's first assignee, when the settings map that user. */
export function mappedAssignee(item: FollowUp, assignees: Record<string, string>): string | undefined {
  const first = item.assigneeIds[0];
  return first === undefined ? undefined : assignees[first];
}

/** What the export sends: the item's text, due date and first mapped assignee, tagged with the follow-up id. */
export function issueInput(item: FollowUp, assignees: Record<string, string>): TrackerIssueInput {
  const incident = item.incident;
  const assignee = mappedAssignee(item, assignees);
  return {
    title: issueTitle(item.content),
    description: `${item.content}\n\nFollow-up of incident #${incident.publicId}: ${incident.title}`,
    ...(assignee && { assignee }),
    ...(item.dueDate && { dueDate: item.dueDate }),
    marker: item.id,
    vars: {
      incident_title: incident.title,
      incident_public_id: incident.publicId,
      incident_severity: incident.severity,
    },
  };
}
