import type { ConfluenceSettings, Destination, GoogleDocsSettings } from '@pm/contracts';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { User } from './user.entity.js';

/**
 * A postmortem template (Markdown + Liquid variables). `updatedAt` is the API's `modifiedAt`.
 * `defaultAt` is the reference product's `is_default` timestamp (most recent wins per incident type);
 * `isDefault` caches "effective default of its incident type" so readers need no window query — the
 * templates service recomputes it whenever a default, an incident type or a row changes.
 */
@Entity({ tableName: 'templates' })
@Index({ properties: ['incidentType', 'defaultAt'] })
export class Template extends BaseEntity<
  | 'incidentType'
  | 'isDefault'
  | 'destination'
  | 'defaultAt'
  | 'confluenceSettings'
  | 'googleDocsSettings'
  | 'lastModifiedBy'
> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Markdown with Liquid variables. */
  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'string', length: 20 })
  destination: Destination = 'notebook';

  /** Set iff destination is confluence. Stored for the export worker (a later issue). */
  @Property({ type: 'json', nullable: true })
  confluenceSettings: ConfluenceSettings | null = null;

  /** Set iff destination is google_docs. */
  @Property({ type: 'json', nullable: true })
  googleDocsSettings: GoogleDocsSettings | null = null;

  /** Incident type; fixed after creation. Null = applies to incidents of any type. */
  @Property({ type: 'string', length: 100, nullable: true })
  incidentType: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  defaultAt: Date | null = null;

  @Property({ type: 'boolean' })
  isDefault = false;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  lastModifiedBy: User | null = null;
}
