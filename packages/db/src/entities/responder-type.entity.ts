import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

/** A user-defined responder role ("Communications lead"); grants no permissions. */
@Entity({ tableName: 'responder_types' })
export class ResponderType extends BaseEntity<'description' | 'onePerson'> {
  @Property({ type: 'string', length: 100, unique: true })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'boolean' })
  onePerson = false;
}
