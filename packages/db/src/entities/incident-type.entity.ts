import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/** Anchors incident configuration (the seed creates "Default"). */
@Entity({ tableName: 'incident_types' })
export class IncidentType extends BaseEntity<'description' | 'isDefault'> {
  @Property({ type: 'string', length: 100, unique: true })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'boolean' })
  isDefault = false;
}
