import type { Destination } from '@pm/contracts';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

@Entity({ tableName: 'templates' })
export class Template extends BaseEntity<'incidentType' | 'isDefault' | 'destination'> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Markdown with Liquid variables. */
  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'string', length: 20 })
  destination: Destination = 'notebook';

  @Property({ type: 'string', length: 100, nullable: true })
  incidentType: string | null = null;

  @Property({ type: 'boolean' })
  isDefault = false;
}
