import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SecretBox } from '@pm/auth';
import {
  ConnectedAccountCredentialsSchema,
  CreateConnectedAccountSchema,
  type ConnectedAccount as ConnectedAccountDto,
  type ConnectedAccountCredentials,
  type ConnectionTestResult,
  type TestConnectedAccountInput,
  type UpdateConnectedAccountSchema,
} from '@pm/contracts';
import {
  ConnectedAccount,
  ConnectedAccountNotFoundError,
  openAccountCredentials,
  sealAccountCredentials,
  Template,
  User,
} from '@pm/db';
import { testConnectedAccount } from '@pm/integrations';
import type { NetGuardOptions } from '@pm/net-guard';
import type { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { toAccountChoice, toConnectedAccountDto } from './account.mapper.js';
import { assertServiceUrlsAllowed } from './outbound-guard.js';
import { SECRET_BOX } from './secret-box.provider.js';

const notFound = (id: string) =>
  new AppError('CONNECTED_ACCOUNT_NOT_FOUND', `Connected account ${id} was not found`);

/**
 * Connected accounts: credentials of outside services, sealed at rest. Nothing here returns or logs a secret: the
 * DTO is built from non-secret columns, log lines carry id, kind and name only.
 */
@Injectable()
export class AccountsService {
  private readonly log = new Logger('ConnectedAccounts');
  private readonly guard: NetGuardOptions;

  constructor(
    private readonly orm: MikroORM,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {
    this.guard = { allowLoopbackForTests: cfg.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS };
  }

  /** Every account by name; `full` = with public config and last test (Integrations Manage), else a choice list. */
  async list(full: boolean): Promise<{ items: ConnectedAccountDto[] }> {
    const rows = await this.orm.em.find(ConnectedAccount, {}, { orderBy: { name: 'asc', id: 'asc' } });
    return { items: rows.map(full ? toConnectedAccountDto : toAccountChoice) };
  }

  async get(id: string): Promise<ConnectedAccountDto> {
    const a = await this.orm.em.findOne(ConnectedAccount, { id });
    if (!a) throw notFound(id);
    return toConnectedAccountDto(a);
  }

  /** Checks the service URLs with the SSRF guard, then seals and stores. 409 when the name is taken. */
  async create(
    input: z.output<typeof CreateConnectedAccountSchema>,
    user: AuthUser,
  ): Promise<ConnectedAccountDto> {
    const { name, ...rest } = input;
    const credentials = ConnectedAccountCredentialsSchema.parse(rest);
    await assertServiceUrlsAllowed(credentials, this.guard);
    const em = this.orm.em;
    await this.assertNameFree(name);
    const account = em.create(ConnectedAccount, {
      name,
      kind: credentials.kind,
      publicConfig: {},
      secretSealed: '',
      createdBy: em.getReference(User, user.id),
    });
    sealAccountCredentials(this.box, account, credentials);
    await this.flushUnique(name);
    this.log.log(`connected account ${account.id} (${account.kind}) "${name}" created by ${user.id}`);
    return toConnectedAccountDto(account);
  }

  /**
   * Renames and/or changes credentials: the patch is merged over the stored credentials (a field left out keeps
   * its value) and validated as a whole; the kind never changes.
   */
  async update(
    id: string,
    input: z.output<typeof UpdateConnectedAccountSchema>,
  ): Promise<ConnectedAccountDto> {
    const { account, credentials } = await this.open(id);
    if (input.name !== undefined && input.name !== account.name) {
      await this.assertNameFree(input.name);
      account.name = input.name;
    }
    if (input.credentials) {
      if (input.credentials.kind !== account.kind) {
        throw new AppError(
          'CONNECTED_ACCOUNT_KIND_MISMATCH',
          `This is a ${account.kind} account; credentials of kind ${input.credentials.kind} do not fit it`,
        );
      }
      const defined = Object.fromEntries(
        Object.entries(input.credentials).filter(([, v]) => v !== undefined),
      );
      const merged = ConnectedAccountCredentialsSchema.parse({ ...credentials, ...defined });
      await assertServiceUrlsAllowed(merged, this.guard);
      sealAccountCredentials(this.box, account, merged);
      // New credentials make the previous test result meaningless.
      account.lastTestOk = null;
      account.lastTestAt = null;
      account.lastTestMessage = null;
    }
    await this.flushUnique(account.name);
    this.log.log(`connected account ${account.id} (${account.kind}) updated`);
    return toConnectedAccountDto(account);
  }

  /** Deletes an account no template uses; 409 CONNECTED_ACCOUNT_IN_USE naming the templates otherwise. */
  async remove(id: string): Promise<void> {
    const em = this.orm.em;
    const account = await em.findOne(ConnectedAccount, { id });
    if (!account) throw notFound(id);
    const users = await this.templatesUsing(id);
    if (users.length > 0) {
      throw new AppError(
        'CONNECTED_ACCOUNT_IN_USE',
        `"${account.name}" is the save location of ${users.length === 1 ? 'template' : 'templates'} ${users
          .map((t) => `"${t.name}"`)
          .join(', ')}; change their destination first`,
        { templates: users },
      );
    }
    await em.remove(account).flush();
    this.log.log(`connected account ${id} (${account.kind}) deleted`);
  }

  /** Calls the real service (URLs checked by the guard first), stores and returns the outcome. */
  async test(id: string, input: TestConnectedAccountInput): Promise<ConnectionTestResult> {
    const { account, credentials } = await this.open(id);
    await assertServiceUrlsAllowed(credentials, this.guard);
    const outcome = await testConnectedAccount(credentials, {
      ...input,
      guard: this.guard,
      googleApiRootUrl: this.cfg.GOOGLE_API_ROOT_URL,
    });
    const at = new Date();
    account.lastTestOk = outcome.ok;
    account.lastTestAt = at;
    account.lastTestMessage = outcome.message.slice(0, 1000);
    await this.orm.em.flush();
    this.log.log(`connected account ${id} tested: ${outcome.ok ? 'ok' : 'failed'}`);
    return { ok: outcome.ok, message: account.lastTestMessage, at: at.toISOString() };
  }

  /** Templates whose Confluence / Google Docs save location names the account. */
  async templatesUsing(accountId: string): Promise<{ id: string; name: string }[]> {
    // Filtered here rather than with a JSON path query: the templates table is small and the JSON
    // operators differ between SQLite and PostgreSQL.
    const rows = await this.orm.em.find(
      Template,
      { destination: { $in: ['confluence', 'google_docs'] } },
      { orderBy: { name: 'asc' } },
    );
    return rows
      .filter(
        (t) => t.confluenceSettings?.accountId === accountId || t.googleDocsSettings?.accountId === accountId,
      )
      .map((t) => ({ id: t.id, name: t.name }));
  }

  private async open(
    id: string,
  ): Promise<{ account: ConnectedAccount; credentials: ConnectedAccountCredentials }> {
    try {
      return await openAccountCredentials(this.orm.em, this.box, id);
    } catch (e) {
      if (e instanceof ConnectedAccountNotFoundError) throw notFound(id);
      throw e;
    }
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.orm.em.count(ConnectedAccount, { name })) throw nameTaken(name);
  }

  /** Flushes; a concurrent create with the same name loses with the same 409 as the pre-check. */
  private async flushUnique(name: string): Promise<void> {
    try {
      await this.orm.em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw nameTaken(name);
      throw e;
    }
  }
}

const nameTaken = (name: string) =>
  new AppError('CONNECTED_ACCOUNT_NAME_TAKEN', `A connected account named "${name}" already exists`);
