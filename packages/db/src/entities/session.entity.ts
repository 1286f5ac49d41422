import { Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { User } from './user.entity.js';

/** A login session or personal API token; only the SHA-256 of the token is stored. */
@Entity({ tableName: 'sessions' })
export class Session extends BaseEntity<'kind' | 'name'> {
  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'string', length: 20 })
  kind: 'session' | 'api_token' = 'session';

  @Property({ type: 'datetime', nullable: true })
  expiresAt!: Date | null;

  /** Label of a personal API token ("CI exporter"); null for login sessions. */
  @Property({ type: 'string', length: 100, nullable: true })
  name: string | null = null;
}
