import type { ConnectedAccountKind, ConnectedAccountPublicConfig } from '@pm/contracts';
import { Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { User } from './user.entity.js';

/**
 * Credentials of an outside service (Confluence, Google, Jira, GitHub). The secret parts live only in
 * `secretSealed` (AES-256-GCM through `SecretBox`, bound to this row's id); `publicConfig` holds what may be shown.
 * Read and write the secret only through `openAccountCredentials` / `sealAccountCredentials`.
 */
@Entity({ tableName: 'connected_accounts' })
export class ConnectedAccount extends BaseEntity<
  'createdBy' | 'lastTestOk' | 'lastTestAt' | 'lastTestMessage'
> {
  @Property({ type: 'string', length: 40 })
  kind!: ConnectedAccountKind;

  @Property({ type: 'string', length: 100, unique: true })
  name!: string;

  @Property({ type: 'json' })
  publicConfig!: ConnectedAccountPublicConfig;

  /** `v1:<keyId>:…` ciphertext of the credentials JSON; never serialized. */
  @Property({ type: 'text', hidden: true, lazy: true })
  secretSealed!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: User | null = null;

  @Property({ type: 'boolean', nullable: true })
  lastTestOk: boolean | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastTestAt: Date | null = null;

  @Property({ type: 'string', length: 1000, nullable: true })
  lastTestMessage: string | null = null;
}
