import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { JobPayload } from '@pm/contracts';
import { FollowUp } from '@pm/db';
import { type Job, UnrecoverableError } from 'bullmq';
import type { JobHandler } from '../handler.js';
import { issueInput } from './issue-input.js';
import { FollowUpAnnouncer } from './follow-up-announcer.js';
import { TrackerContext } from './tracker-context.js';
import { handleTrackerFailure, PermanentExportError } from './tracker-failure.js';

/**
 * Creates a follow-up's tracker issue. Idempotent twice over: an item already linked is left alone, and the client
 * tags the issue with the follow-up id and looks it up before creating, so a retry after a lost answer finds the
 * issue it made instead of creating a second one.
 */
@Injectable()
export class TrackerExportHandler implements JobHandler<'export.follow-up'> {
  readonly jobName = 'export.follow-up' as const;

  constructor(
    private readonly orm: MikroORM,
    private readonly ctx: TrackerContext,
    private readonly announce: FollowUpAnnouncer,
  ) {}

  async handle({ followUpId }: JobPayload<'export.follow-up'>, job: Job, token?: string) {
    const em = this.orm.em.fork();
    const item = await this.ctx.followUp(em, followUpId);
    if (!item) throw new UnrecoverableError(`follow-up ${followUpId} does not exist`);
    if (item.trackerKey && item.trackerState === 'linked') return { key: item.trackerKey };
    const record = async (message: string, final: boolean) => {
      await em.nativeUpdate(
        FollowUp,
        { id: item.id },
        { trackerError: message, ...(final && { trackerState: 'failed' as const }), updatedAt: new Date() },
      );
      await this.announce.changed(item.incident.id);
    };
    try {
      const settings = await this.ctx.settings(em, item);
      if (!settings) throw new PermanentExportError('no tracker is configured for this incident type');
      const target =
        settings.kind === 'github' && settings.github
          ? { kind: 'github' as const, ...settings.github }
          : settings.kind === 'jira' && settings.jira
            ? { kind: 'jira' as const, mapping: settings.jira }
            : undefined;
      if (!target)
        throw new PermanentExportError('the tracker settings of this incident type are incomplete');
      const client = this.ctx.client(await this.ctx.credentials(em, settings.accountId), target);
      const ref = await client.createIssue(issueInput(item, settings.assignees));
      if (item.status === 'done') await client.setDone(ref.key, true);
      Object.assign(item, {
        trackerKind: settings.kind,
        trackerKey: ref.key,
        trackerUrl: ref.url,
        trackerState: 'linked',
        trackerError: null,
        trackerAccountId: settings.accountId,
      });
      await em.flush();
      await this.announce.changed(item.incident.id);
      return { key: ref.key, created: ref.created };
    } catch (error) {
      return handleTrackerFailure(error, job, token, record);
    }
  }

  async onFinalFailure({ followUpId }: JobPayload<'export.follow-up'>, reason: string): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(
        FollowUp,
        { id: followUpId, trackerState: { $ne: 'linked' } },
        { trackerState: 'failed', trackerError: reason, updatedAt: new Date() },
      );
  }
}
