import type { Rel } from '@mikro-orm/core';
import { Entity, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import type { GitHubTrackerSettings, JiraTrackerSettings, TrackerKind } from '@pm/contracts';
import { BaseEntity } from './base.js';
import { IncidentType } from './incident-type.entity.js';

/**
 * Where the follow-ups of one incident type are exported: a connected account (Jira or GitHub) plus the project /
 * repository and field mapping. One row per incident type at most; no row means "no tracker".
 */
@Entity({ tableName: 'incident_type_tracker_settings' })
export class TrackerSettings extends BaseEntity<'jira' | 'github' | 'autoExport' | 'assignees'> {
  @OneToOne(() => IncidentType, { owner: true, deleteRule: 'cascade', unique: true })
  incidentType!: Rel<IncidentType>;

  /** The connected account used to talk to the tracker (its kind must match `kind`). */
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'string', length: 20 })
  kind!: TrackerKind;

  @Property({ type: 'json', nullable: true })
  jira: JiraTrackerSettings | null = null;

  @Property({ type: 'json', nullable: true })
  github: GitHubTrackerSettings | null = null;

  @Property({ type: 'boolean' })
  autoExport = false;

  /** User id → tracker user id (see `AssigneeMapSchema`). */
  @Property({ type: 'json' })
  assignees: Record<string, string> = {};
}
