import type { Role } from '@pm/contracts';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';

@Entity({ tableName: 'users' })
export class User extends BaseEntity<'timeZone'> {
  @Property({ type: 'string', length: 320, unique: true })
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 100, unique: true })
  handle!: string;

  @Property({ type: 'string', length: 20 })
  role!: Role;

  /** IANA time zone the user works in (review-step due dates count business days there). */
  @Property({ type: 'string', length: 64, default: 'UTC' })
  timeZone: string = 'UTC';

  /** scrypt hash in PHC-like form; never serialized. */
  @Property({ type: 'string', length: 300, hidden: true, lazy: true })
  passwordHash!: string;
}
