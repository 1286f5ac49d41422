import type { FollowUp, Postmortem } from '@pm/db';

/** An item a reminder is about. */
export type ReminderItem =
  | {
      kind: 'postmortem';
      postmortem: Postmortem;
      /** Required reviewers without a fresh approval (`pendingReviewers`); empty unless In Review. */
      pendingReviewerIds?: readonly string[];
    }
  | { kind: 'follow_up'; followUp: FollowUp };

/**
 * Who gets a reminder about `item`. Postmortem: its owner (the requester when it has none) and the required
 * reviewers who have not approved yet. Follow-up: its assignees. Visibility is checked again when the notification
 * is delivered and when its e-mail is sent (private incidents never reach outsiders).
 */
export function reminderRecipients(item: ReminderItem): string[] {
  if (item.kind === 'postmortem') {
    const pm = item.postmortem;
    const owner = pm.owner?.id ?? pm.requestedBy?.id;
    return [...new Set([...(owner ? [owner] : []), ...(item.pendingReviewerIds ?? [])])];
  }
  return [...new Set(item.followUp.assigneeIds)];
}
