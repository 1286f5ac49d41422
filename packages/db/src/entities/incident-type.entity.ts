import type { ReviewRule } from '@pm/contracts';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/** Anchors incident configuration (the seed creates "Default"). */
@Entity({ tableName: 'incident_types' })
export class IncidentType extends BaseEntity<'description' | 'isDefault' | 'qualityChecks' | 'reviewRule'> {
  @Property({ type: 'string', length: 100, unique: true })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'boolean' })
  isDefault = false;

  /**
   * Postmortem quality checks of this type: a level (off / warning / blocking) per check and the blaming phrases;
   * null = the defaults (every check a warning, the default phrase list).
   */
  @Property({ type: 'json', nullable: true })
  qualityChecks: { levels: Record<string, string>; blamingPhrases: string[] | null } | null = null;
  /** Required reviewers and approvals for postmortems of this type (null = no review required). */
  @Property({ type: 'json', nullable: true })
  reviewRule: ReviewRule | null = null;
}
