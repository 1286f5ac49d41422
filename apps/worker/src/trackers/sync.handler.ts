import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { JobPayload } from '@pm/contracts';
import { FollowUp } from '@pm/db';
import { TrackerError } from '@pm/integrations';
import { type Job, UnrecoverableError } from 'bullmq';
import type { JobHandler } from '../handler.js';
import { issueTitle, mappedAssignee } from './issue-input.js';
import { targetOfKey } from './tracker-clients.js';
import { FollowUpAnnouncer } from './follow-up-announcer.js';
import { TrackerContext } from './tracker-context.js';
import { handleTrackerFailure } from './tracker-failure.js';

/**
 * Pushes an edited follow-up to its linked issue: title, assignee (when the user is mapped) and done ↔ closed / the
 * done category. Reads the issue first, so an issue deleted or no longer accessible is reported on the item (state
 * `deleted` with the tracker's message) instead of failing quietly. Pushing the current state is idempotent.
 */
@Injectable()
export class TrackerSyncHandler implements JobHandler<'export.follow-up-sync'> {
  readonly jobName = 'export.follow-up-sync' as const;

  constructor(
    private readonly orm: MikroORM,
    private readonly ctx: TrackerContext,
    private readonly announce: FollowUpAnnouncer,
  ) {}

  async handle({ followUpId }: JobPayload<'export.follow-up-sync'>, job: Job, token?: string) {
    const em = this.orm.em.fork();
    const item = await this.ctx.followUp(em, followUpId);
    if (!item) throw new UnrecoverableError(`follow-up ${followUpId} does not exist`);
    const { trackerKey: key, trackerKind: kind, trackerAccountId: accountId } = item;
    // Not exported (or already known deleted): nothing to push.
    if (!key || !kind || !accountId || item.trackerState !== 'linked') return { synced: false };
    const record = async (message: string) => {
      await em.nativeUpdate(FollowUp, { id: item.id }, { trackerError: message, updatedAt: new Date() });
    };
    try {
      const settings = await this.ctx.settings(em, item);
      const sameAccount = settings?.accountId === accountId ? settings : null;
      const client = this.ctx.client(
        await this.ctx.credentials(em, accountId),
        targetOfKey(kind, key, sameAccount?.jira ?? null),
      );
      const issue = await client.getIssue(key);
      if (issue.deleted) {
        item.trackerState = 'deleted';
        item.trackerError = issue.message;
        await em.flush();
        await this.announce.changed(item.incident.id);
        return { synced: false, deleted: true };
      }
      const assignee = sameAccount ? (mappedAssignee(item, sameAccount.assignees) ?? null) : undefined;
      await client.updateIssue(key, {
        title: issueTitle(item.content),
        ...(assignee !== undefined && { assignee }),
      });
      const done = item.status === 'done';
      if (issue.done !== done) await client.setDone(key, done);
      item.trackerError = null;
      await em.flush();
      return { synced: true };
    } catch (error) {
      if (
        error instanceof TrackerError &&
        (error.code === 'TRACKER_NOT_FOUND' || error.code === 'TRACKER_GONE')
      ) {
        // Deleted between the read and the update: the same report as a deleted issue.
        item.trackerState = 'deleted';
        item.trackerError = error.message;
        await em.flush();
        await this.announce.changed(item.incident.id);
        return { synced: false, deleted: true };
      }
      return handleTrackerFailure(error, job, token, record);
    }
  }

  async onFinalFailure({ followUpId }: JobPayload<'export.follow-up-sync'>, reason: string): Promise<void> {
    // The link stays (the issue exists); the item shows why the last change did not reach the tracker.
    await this.orm.em
      .fork()
      .nativeUpdate(FollowUp, { id: followUpId }, { trackerError: reason, updatedAt: new Date() });
  }
}
