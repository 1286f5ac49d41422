import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type {
  CreateTimelineEntryInput,
  TimelineEntry as TimelineDto,
  UpdateTimelineEntryInput,
} from '@pm/contracts';
import { TimelineEntry } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { recordEvent } from '../audit/record-event.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { IncidentAccessEvents } from './incident-access-events.js';
import { recordTimeline, touchResponder } from './incident-activity.js';
import { toTimelineDto } from './incident.mapper.js';
import { assertNotFuture } from './incident-rules.js';
import { IncidentsService } from './incidents.service.js';

/**
 * Timeline of an incident: responder notes (back-datable; content/time editable and deletable by their author only)
 * and automatic incident updates (never edited). Anyone who may write can flag any cell as important.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly orm: MikroORM,
    private readonly incidents: IncidentsService,
    private readonly access: IncidentAccessEvents,
  ) {}

  async list(
    user: AuthUser,
    incidentId: string,
    q: { important?: 'true' | 'false'; order?: 'asc' | 'desc' },
  ) {
    const incident = await this.incidents.getVisible(user, incidentId);
    const order = q.order ?? 'asc';
    const rows = await this.orm.em.find(
      TimelineEntry,
      { incident, ...(q.important ? { important: q.important === 'true' } : {}) },
      { orderBy: { occurredAt: order, createdAt: order } },
    );
    return { items: rows.map(toTimelineDto) };
  }

  async add(user: AuthUser, incidentId: string, input: CreateTimelineEntryInput): Promise<TimelineDto> {
    const em = this.orm.em;
    const incident = await this.incidents.getVisible(user, incidentId);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
    assertNotFuture('occurredAt', occurredAt);
    const entry = recordTimeline(em, incident, user, input.content, {
      kind: 'note',
      important: input.important,
      occurredAt,
    });
    const joined = await touchResponder(em, incident, user);
    await em.flush();
    if (joined) await this.access.publish(incident.id);
    return toTimelineDto(entry);
  }

  async update(
    user: AuthUser,
    incidentId: string,
    entryId: string,
    input: UpdateTimelineEntryInput,
  ): Promise<TimelineDto> {
    const em = this.orm.em;
    const entry = await this.entry(user, incidentId, entryId);
    const editsText = input.content !== undefined || input.occurredAt !== undefined;
    if (editsText) this.assertAuthor(user, entry, 'edit');
    if (input.content !== undefined) entry.content = input.content;
    if (input.occurredAt !== undefined) {
      const d = new Date(input.occurredAt);
      assertNotFuture('occurredAt', d);
      entry.occurredAt = d;
    }
    if (input.important !== undefined) entry.important = input.important;
    const joined = await touchResponder(em, entry.incident, user);
    await em.flush();
    if (joined) await this.access.publish(incidentId);
    return toTimelineDto(entry);
  }

  async setTags(user: AuthUser, incidentId: string, entryId: string, tags: string[]): Promise<TimelineDto> {
    const em = this.orm.em;
    const entry = await this.entry(user, incidentId, entryId);
    const before = [...(entry.tags ?? [])];
    const same = before.length === tags.length && before.every((t, i) => t === tags[i]);
    if (!same) {
      entry.tags = tags;
      await recordEvent(em, user, {
        type: 'timeline.tags_changed',
        incidentId,
        before: { tags: before },
        after: { tags },
        data: { timelineEntryId: entry.id },
      });
      await em.flush();
    }
    return toTimelineDto(entry);
  }

  async remove(user: AuthUser, incidentId: string, entryId: string): Promise<void> {
    const entry = await this.entry(user, incidentId, entryId);
    this.assertAuthor(user, entry, 'delete');
    await this.orm.em.remove(entry).flush();
  }

  private async entry(user: AuthUser, incidentId: string, entryId: string): Promise<TimelineEntry> {
    const incident = await this.incidents.getVisible(user, incidentId);
    const entry = await this.orm.em.findOne(
      TimelineEntry,
      { id: entryId, incident },
      { populate: ['incident'] },
    );
    if (!entry) throw new AppError('TIMELINE_ENTRY_NOT_FOUND', `Timeline entry ${entryId} was not found`);
    return entry;
  }

  private assertAuthor(user: AuthUser, entry: TimelineEntry, what: 'edit' | 'delete') {
    if (entry.kind !== 'note')
      throw new AppError(
        'TIMELINE_ENTRY_NOT_EDITABLE',
        `Incident updates are a record and cannot be ${what}ed`,
      );
    if (entry.author?.id !== user.id)
      throw new AppError('TIMELINE_ENTRY_NOT_AUTHOR', `Only the author of a note can ${what} it`);
  }
}
