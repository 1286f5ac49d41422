import type { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { FollowUp, IncidentType, TrackerSettings } from '@pm/db';
import { JobProducer } from '@pm/queue';
import { AppError } from '../../common/errors.js';

/**
 * Starts tracker work for follow-ups: an export on request or automatically for new items (when the incident
 * type says so), and a sync after an edit of an exported item. The row is marked before the job is enqueued, so
 * the item shows "exporting" at once; the worker moves it to linked / failed / deleted.
 */
@Injectable()
export class FollowUpExportService {
  private readonly log = new Logger('FollowUpExport');

  constructor(private readonly producer: JobProducer) {}

  /** The settings that apply to the item's incident (an incident without a type uses the default type). */
  async settingsFor(em: EntityManager, item: FollowUp): Promise<TrackerSettings | null> {
    const type =
      item.incident.incidentType ?? (await em.findOne(IncidentType, { isDefault: true }, { fields: ['id'] }));
    return type ? em.findOne(TrackerSettings, { incidentType: type.id }) : null;
  }

  /**
   * Export on request (the item is already loaded with its incident and checked visible and writable). An item
   * already linked is answered as it is; a failed or deleted one is exported again.
   */
  async requestExport(em: EntityManager, item: FollowUp): Promise<void> {
    if (item.trackerState === 'linked' || item.trackerState === 'exporting') return;
    const settings = await this.settingsFor(em, item);
    if (!settings) {
      throw new AppError('TRACKER_NOT_CONFIGURED', 'No tracker is configured for this incident type');
    }
    await this.enqueueExport(em, item, settings);
  }

  /** After a follow-up was created: exported when the incident type exports new items automatically. */
  async afterCreate(em: EntityManager, item: FollowUp): Promise<void> {
    const settings = await this.settingsFor(em, item);
    if (settings?.autoExport) await this.enqueueExport(em, item, settings);
  }

  /** After an edit (content, assignees, done / open): the linked issue follows. */
  async afterChange(em: EntityManager, item: FollowUp): Promise<void> {
    if (item.trackerState !== 'linked') return;
    await this.enqueue(em, 'export.follow-up-sync', item);
  }

  private async enqueueExport(em: EntityManager, item: FollowUp, settings: TrackerSettings): Promise<void> {
    // A re-export of a deleted issue creates a new one: drop the old link so the marker look-up decides.
    if (item.trackerState === 'deleted') {
      item.trackerKey = null;
      item.trackerUrl = null;
    }
    item.trackerKind = settings.kind;
    item.trackerState = 'exporting';
    item.trackerError = null;
    await em.flush();
    await this.enqueue(em, 'export.follow-up', item);
  }

  /**
   * Enqueues; when Redis is down the item says so instead of staying "exporting" forever, and the change that
   * triggered it (already committed) stands.
   */
  private async enqueue(
    em: EntityManager,
    name: 'export.follow-up' | 'export.follow-up-sync',
    item: FollowUp,
  ) {
    try {
      await this.producer.enqueue(name, { followUpId: item.id });
    } catch (e) {
      const what = name === 'export.follow-up' ? 'export' : 'sync';
      item.trackerError = `could not queue the ${what}: ${(e as Error).message}`;
      if (name === 'export.follow-up') item.trackerState = 'failed';
      this.log.warn(`${item.id}: ${item.trackerError}`);
      await em.flush();
    }
  }
}
