import type { FieldType } from '@pm/contracts';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/** Definition of a custom property field; values live in `Incident.customFields` under `name`. */
@Entity({ tableName: 'incident_fields' })
export class IncidentField extends BaseEntity<'options'> {
  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  @Property({ type: 'string', length: 20 })
  type!: FieldType;

  @Property({ type: 'json' })
  options: string[] = [];
}
