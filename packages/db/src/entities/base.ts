import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** UUID primary key plus created/updated timestamps, shared by every entity. */
export abstract class BaseEntity<Optional = never> {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | Optional;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Equal to `createdAt` until the first update (two `new Date()` calls differ by milliseconds under load). */
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = this.createdAt;
}
