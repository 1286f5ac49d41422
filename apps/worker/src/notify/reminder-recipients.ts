import type { FollowUp, Postmortem } from '@pm/db';

/** An item a reminder is about. */
export type ReminderItem =
  { kind: 'postmortem'; postmortem: Postmortem } | { kind: 'follow_up'; followUp: FollowUp };

/**
 * Who gets a reminder about `item`. Postmortem: its owner (the requester when it has none). Follow-up: its
 * assignees. EXTENSION POINT: the review feature adds the postmortem's reviewers here at merge. Visibility is
 * checked later, when the notification is delivered (private incidents never reach outsiders).
 */
export function reminderRecipients(item: ReminderItem): string[] {
  if (item.kind === 'postmortem') {
    const pm = item.postmortem;
    const owner = pm.owner?.id ?? pm.requestedBy?.id;
    return owner ? [owner] : [];
  }
  return [...new Set(item.followUp.assigneeIds)];
}
