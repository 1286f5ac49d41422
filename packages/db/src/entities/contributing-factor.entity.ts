import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { Postmortem } from './postmortem.entity.js';
import { User } from './user.entity.js';

/**
 * One contributing factor of a postmortem: a category from the organisation's list plus a short description. Kept
 * as rows (not only prose in the document) so insights can count categories across incidents.
 */
@Entity({ tableName: 'contributing_factors' })
@Index({ properties: ['postmortem', 'createdAt'] })
export class ContributingFactor extends BaseEntity<'createdBy'> {
  @ManyToOne(() => Postmortem, { deleteRule: 'cascade' })
  postmortem!: Rel<Postmortem>;

  /** The category's name as it was when chosen (a later rename of the list does not rewrite history). */
  @Property({ type: 'string', length: 60 })
  @Index()
  category!: string;

  @Property({ type: 'text' })
  description!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: Rel<User> | null = null;
}

/**
 * Organisation-wide settings, one JSON value per key (today only `contributing_factor_categories`); a missing row
 * means the default.
 */
@Entity({ tableName: 'org_settings' })
export class OrgSetting {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'json' })
  value!: unknown;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
