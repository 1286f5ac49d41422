import { z } from 'zod';
import { AI_DRAFT_DEFAULTS, AiDraftFieldSchema } from './ai.js';
import { IdSchema, IsoDateSchema } from './common.js';

/**
 * Connected accounts: one model for every outside service the server talks to. The secret parts (tokens, keys)
 * are accepted on create/update, sealed at rest, and never sent back; the API returns only {@link ConnectedAccount}
 * (name, kind and the non-secret `publicConfig`).
 */
export const CONNECTED_ACCOUNT_KINDS = [
  'confluence_cloud',
  'confluence_dc',
  'google_service_account',
  'google_oauth',
  'jira_cloud',
  'jira_dc',
  'github',
  'openai_compatible',
] as const;
export const ConnectedAccountKindSchema = z.enum(CONNECTED_ACCOUNT_KINDS);
export type ConnectedAccountKind = z.infer<typeof ConnectedAccountKindSchema>;

/** Kinds a template destination may use: a Confluence destination needs a Confluence account, and so on. */
export const DESTINATION_ACCOUNT_KINDS = {
  confluence: ['confluence_cloud', 'confluence_dc'],
  google_docs: ['google_service_account', 'google_oauth'],
} as const satisfies Record<string, readonly ConnectedAccountKind[]>;

/** Default REST root of GitHub (Enterprise Server: `https://host/api/v3`). */
export const GITHUB_DEFAULT_API_URL = 'https://api.github.com';

/** Field names that hold secrets, per kind: forms render them as password inputs and never prefill them. */
export const CONNECTED_ACCOUNT_SECRET_FIELDS = {
  confluence_cloud: ['apiToken'],
  confluence_dc: ['personalAccessToken'],
  google_service_account: ['serviceAccountKey'],
  google_oauth: ['clientSecret', 'refreshToken'],
  jira_cloud: ['apiToken'],
  jira_dc: ['personalAccessToken'],
  github: ['token'],
  openai_compatible: ['apiKey'],
} as const satisfies Record<ConnectedAccountKind, readonly string[]>;

const AccountName = z.string().trim().min(1).max(100);
/** Only the scheme is checked here; the server's SSRF guard decides whether the address may be reached. */
const ServiceUrl = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL' })
  .max(2000)
  .transform((u) => u.replace(/\/+$/, ''));
const Secret = z.string().trim().min(1).max(10_000);

/** The fields of a Google service-account JSON key the token exchange needs (other fields are kept as sent). */
export const ServiceAccountKeySchema = z
  .object({
    client_email: z.email(),
    private_key: z.string().min(1).max(10_000).includes('PRIVATE KEY', { error: 'a PEM private key' }),
    token_uri: z.url({ protocol: /^https?$/ }),
    private_key_id: z.string().max(200).optional(),
  })
  .loose();
export type ServiceAccountKeyInput = z.infer<typeof ServiceAccountKeySchema>;

/** The key as an object, or as the text of the downloaded JSON file. */
const ServiceAccountKeyField = z.union([
  z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(ServiceAccountKeySchema),
  ServiceAccountKeySchema,
]);

// Per-kind shapes without defaults, so the update schema can make every field optional (see below).
const SHAPES = {
  confluence_cloud: { siteUrl: ServiceUrl, email: z.email(), apiToken: Secret },
  confluence_dc: { baseUrl: ServiceUrl, personalAccessToken: Secret },
  google_service_account: { serviceAccountKey: ServiceAccountKeyField },
  google_oauth: { clientId: z.string().trim().min(1).max(500), clientSecret: Secret, refreshToken: Secret },
  jira_cloud: { siteUrl: ServiceUrl, email: z.email(), apiToken: Secret },
  jira_dc: { baseUrl: ServiceUrl, personalAccessToken: Secret },
  github: { token: Secret, apiUrl: ServiceUrl },
  // An OpenAI-compatible chat-completions endpoint for AI first drafts, with the admin's sending rules: which
  // incident fields may leave the system, whether private incidents may, and the token / time budget.
  openai_compatible: {
    baseUrl: ServiceUrl,
    model: z.string().trim().min(1).max(200),
    apiKey: Secret,
    allowedFields: z.array(AiDraftFieldSchema).max(20),
    allowPrivate: z.boolean(),
    maxTokens: z.number().int().min(16).max(8000),
    timeoutMs: z.number().int().min(1000).max(120_000),
    stream: z.boolean(),
  },
} as const;

const variant = <K extends ConnectedAccountKind>(kind: K) =>
  z.object({ kind: z.literal(kind), ...SHAPES[kind] });

/**
 * Decrypted credentials of an account (server-only: never in an HTTP answer, a job payload or a log line).
 * What is sealed in the database.
 */
export const ConnectedAccountCredentialsSchema = z.discriminatedUnion('kind', [
  variant('confluence_cloud'),
  variant('confluence_dc'),
  variant('google_service_account'),
  variant('google_oauth'),
  variant('jira_cloud'),
  variant('jira_dc'),
  variant('github'),
  variant('openai_compatible'),
]);
export type ConnectedAccountCredentials = z.infer<typeof ConnectedAccountCredentialsSchema>;

/** Body of `POST /connected-accounts`: a name plus the kind's credentials (GitHub's `apiUrl` is optional). */
export const CreateConnectedAccountSchema = z.discriminatedUnion('kind', [
  variant('confluence_cloud').extend({ name: AccountName }),
  variant('confluence_dc').extend({ name: AccountName }),
  variant('google_service_account').extend({ name: AccountName }),
  variant('google_oauth').extend({ name: AccountName }),
  variant('jira_cloud').extend({ name: AccountName }),
  variant('jira_dc').extend({ name: AccountName }),
  variant('github').extend({ name: AccountName, apiUrl: ServiceUrl.default(GITHUB_DEFAULT_API_URL) }),
  variant('openai_compatible').extend({
    name: AccountName,
    allowedFields: SHAPES.openai_compatible.allowedFields.default([...AI_DRAFT_DEFAULTS.allowedFields]),
    allowPrivate: z.boolean().default(AI_DRAFT_DEFAULTS.allowPrivate),
    maxTokens: SHAPES.openai_compatible.maxTokens.default(AI_DRAFT_DEFAULTS.maxTokens),
    timeoutMs: SHAPES.openai_compatible.timeoutMs.default(AI_DRAFT_DEFAULTS.timeoutMs),
    stream: z.boolean().default(false),
  }),
]);
export type CreateConnectedAccountInput = z.input<typeof CreateConnectedAccountSchema>;

const patchVariant = <K extends ConnectedAccountKind>(kind: K) =>
  z
    .object({ kind: z.literal(kind), ...SHAPES[kind] })
    .partial()
    .required({ kind: true });

/**
 * Changes to an account's credentials: `kind` must be the account's own; fields left out keep their stored value
 * (so a URL can change without re-entering the token, and "replace secret" sends only the secret).
 */
export const ConnectedAccountCredentialsPatchSchema = z.discriminatedUnion('kind', [
  patchVariant('confluence_cloud'),
  patchVariant('confluence_dc'),
  patchVariant('google_service_account'),
  patchVariant('google_oauth'),
  patchVariant('jira_cloud'),
  patchVariant('jira_dc'),
  patchVariant('github'),
  patchVariant('openai_compatible'),
]);

/** Body of `PATCH /connected-accounts/{id}`. */
export const UpdateConnectedAccountSchema = z.object({
  name: AccountName.optional(),
  credentials: ConnectedAccountCredentialsPatchSchema.optional(),
});
export type UpdateConnectedAccountInput = z.input<typeof UpdateConnectedAccountSchema>;

/** The non-secret parts of an account, shown in lists and forms. */
export const ConnectedAccountPublicConfigSchema = z.object({
  siteUrl: z.string().optional(),
  baseUrl: z.string().optional(),
  email: z.string().optional(),
  clientEmail: z.string().optional(),
  clientId: z.string().optional(),
  apiUrl: z.string().optional(),
  model: z.string().optional(),
  allowedFields: z.array(z.string()).optional(),
  allowPrivate: z.boolean().optional(),
  maxTokens: z.number().optional(),
  timeoutMs: z.number().optional(),
  stream: z.boolean().optional(),
});
export type ConnectedAccountPublicConfig = z.infer<typeof ConnectedAccountPublicConfigSchema>;

/** The outcome of the last "Test connection". */
export const ConnectionTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  at: IsoDateSchema,
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;

/** A connected account as the API returns it: never a secret. */
export const ConnectedAccountSchema = z.object({
  id: IdSchema,
  kind: ConnectedAccountKindSchema,
  name: z.string(),
  publicConfig: ConnectedAccountPublicConfigSchema,
  createdAt: IsoDateSchema,
  createdBy: IdSchema.nullable(),
  modifiedAt: IsoDateSchema,
  lastTest: ConnectionTestResultSchema.nullable(),
});
export type ConnectedAccount = z.infer<typeof ConnectedAccountSchema>;

export const ConnectedAccountListSchema = z.object({ items: z.array(ConnectedAccountSchema) });
export type ConnectedAccountList = z.infer<typeof ConnectedAccountListSchema>;

/**
 * Body of `POST /connected-accounts/{id}/test`. Confluence checks the space and Drive the folder when given (what
 * an export will need); otherwise the test is one cheap authenticated call.
 */
export const TestConnectedAccountSchema = z.object({
  spaceKey: z
    .string()
    .trim()
    .regex(/^~?[A-Za-z0-9]{1,255}$/, 'a Confluence space key such as ENG')
    .optional(),
  folderId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{5,200}$/, 'a Google Drive folder id')
    .optional(),
});
export type TestConnectedAccountInput = z.infer<typeof TestConnectedAccountSchema>;

/** The non-secret parts of credentials (what {@link ConnectedAccount.publicConfig} shows). */
export function publicConfigOf(c: ConnectedAccountCredentials): ConnectedAccountPublicConfig {
  switch (c.kind) {
    case 'confluence_cloud':
    case 'jira_cloud':
      return { siteUrl: c.siteUrl, email: c.email };
    case 'confluence_dc':
    case 'jira_dc':
      return { baseUrl: c.baseUrl };
    case 'google_service_account':
      return { clientEmail: c.serviceAccountKey.client_email };
    case 'google_oauth':
      return { clientId: c.clientId };
    case 'github':
      return { apiUrl: c.apiUrl };
    case 'openai_compatible': {
      const { baseUrl, model, allowedFields, allowPrivate, maxTokens, timeoutMs, stream } = c;
      return { baseUrl, model, allowedFields, allowPrivate, maxTokens, timeoutMs, stream };
    }
  }
}

/** The URLs of credentials the server will connect to (each must pass the SSRF guard at save and at test). */
export function serviceUrlsOf(c: ConnectedAccountCredentials): string[] {
  switch (c.kind) {
    case 'confluence_cloud':
    case 'jira_cloud':
      return [c.siteUrl];
    case 'confluence_dc':
    case 'jira_dc':
      return [c.baseUrl];
    case 'google_service_account':
      return [c.serviceAccountKey.token_uri];
    case 'google_oauth':
      return [];
    case 'github':
      return [c.apiUrl];
    case 'openai_compatible':
      return [c.baseUrl];
  }
}
