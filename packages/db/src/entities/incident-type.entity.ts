import type { ReviewRule } from '@pm/contracts';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/** Anchors incident configuration (the seed creates "Default"). */
@Entity({ tableName: 'incident_types' })
export class IncidentType extends BaseEntity<'description' | 'isDefault' | 'reviewRule'> {
  @Property({ type: 'string', length: 100, unique: true })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'boolean' })
  isDefault = false;

  /** Required reviewers and approvals for postmortems of this type (null = no review required). */
  @Property({ type: 'json', nullable: true })
  reviewRule: ReviewRule | null = null;
}
