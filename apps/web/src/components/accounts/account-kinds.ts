import type { ConnectedAccount, ConnectedAccountKind } from '@pm/api-client';

/** One input of the add / replace-secret form. */
export interface AccountField {
  key: string;
  label: string;
  /** Rendered as a password input, never prefilled, never shown again after saving. */
  secret: boolean;
  placeholder?: string;
  type?: 'url' | 'email' | 'text';
  optional?: boolean;
}

/** How each kind is called in the UI and what it asks for. */
export const ACCOUNT_KINDS: Record<ConnectedAccountKind, { label: string; fields: AccountField[] }> = {
  confluence_cloud: {
    label: 'Confluence Cloud',
    fields: [
      {
        key: 'siteUrl',
        label: 'Site URL',
        secret: false,
        type: 'url',
        placeholder: 'https://acme.atlassian.net',
      },
      { key: 'email', label: 'Account e-mail', secret: false, type: 'email' },
      { key: 'apiToken', label: 'API token', secret: true },
    ],
  },
  confluence_dc: {
    label: 'Confluence Data Center',
    fields: [
      {
        key: 'baseUrl',
        label: 'Base URL',
        secret: false,
        type: 'url',
        placeholder: 'https://wiki.acme.internal',
      },
      { key: 'personalAccessToken', label: 'Personal access token', secret: true },
    ],
  },
  google_service_account: {
    label: 'Google (service account)',
    fields: [{ key: 'serviceAccountKey', label: 'Service-account JSON key (paste the file)', secret: true }],
  },
  google_oauth: {
    label: 'Google (OAuth refresh token)',
    fields: [
      { key: 'clientId', label: 'OAuth client id', secret: false },
      { key: 'clientSecret', label: 'OAuth client secret', secret: true },
      { key: 'refreshToken', label: 'Refresh token', secret: true },
    ],
  },
  jira_cloud: {
    label: 'Jira Cloud',
    fields: [
      {
        key: 'siteUrl',
        label: 'Site URL',
        secret: false,
        type: 'url',
        placeholder: 'https://acme.atlassian.net',
      },
      { key: 'email', label: 'Account e-mail', secret: false, type: 'email' },
      { key: 'apiToken', label: 'API token', secret: true },
    ],
  },
  jira_dc: {
    label: 'Jira Data Center',
    fields: [
      { key: 'baseUrl', label: 'Base URL', secret: false, type: 'url' },
      { key: 'personalAccessToken', label: 'Personal access token', secret: true },
    ],
  },
  github: {
    label: 'GitHub',
    fields: [
      { key: 'token', label: 'Token', secret: true },
      {
        key: 'apiUrl',
        label: 'API URL (GitHub Enterprise only)',
        secret: false,
        type: 'url',
        optional: true,
        placeholder: 'https://api.github.com',
      },
    ],
  },
  openai_compatible: {
    label: 'AI provider (OpenAI-compatible)',
    fields: [
      {
        key: 'baseUrl',
        label: 'Base URL',
        secret: false,
        type: 'url',
        placeholder: 'https://api.openai.com/v1',
      },
      { key: 'model', label: 'Model', secret: false, placeholder: 'gpt-4o-mini' },
      { key: 'apiKey', label: 'API key', secret: true },
    ],
  },
};

/** Incident fields an admin may allow to be sent to the AI provider, with their labels. */
export const AI_FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  severity: 'Severity',
  status: 'Status',
  summary: 'Summary',
  timeline: 'Timeline text',
  customer_impact: 'Customer impact',
  custom_fields: 'Custom fields',
  responders: 'Responder names',
};

/** The sending rules as the form edits them (time in seconds). */
export interface AiRulesForm {
  allowedFields: string[];
  allowPrivate: boolean;
  maxTokens: number;
  timeoutSeconds: number;
  stream: boolean;
}

/** A new provider's rules: the minimal field set, never private incidents (the API's defaults too). */
export const AI_DEFAULT_RULES = (): AiRulesForm => ({
  allowedFields: ['title', 'severity', 'summary', 'timeline'],
  allowPrivate: false,
  maxTokens: 600,
  timeoutSeconds: 30,
  stream: false,
});

/** The stored rules of an account, for editing. */
export function aiRulesOf(a: ConnectedAccount): AiRulesForm {
  const c = a.publicConfig;
  const d = AI_DEFAULT_RULES();
  return {
    allowedFields: [...(c.allowedFields ?? d.allowedFields)],
    allowPrivate: c.allowPrivate ?? d.allowPrivate,
    maxTokens: c.maxTokens ?? d.maxTokens,
    timeoutSeconds: Math.round((c.timeoutMs ?? d.timeoutSeconds * 1000) / 1000),
    stream: c.stream ?? d.stream,
  };
}

/** The rules as the API takes them. */
export function aiRulesToSettings(r: AiRulesForm) {
  return {
    allowedFields: r.allowedFields,
    allowPrivate: r.allowPrivate,
    maxTokens: Number(r.maxTokens),
    timeoutMs: Math.round(Number(r.timeoutSeconds) * 1000),
    stream: r.stream,
  };
}

/** Where the account points and who it acts as, in one line (from the non-secret public config). */
export function accountSummary(a: ConnectedAccount): string {
  const c = a.publicConfig;
  if (a.kind === 'openai_compatible')
    return [
      c.baseUrl,
      c.model,
      `sends ${(c.allowedFields ?? []).join(', ') || 'nothing'}`,
      c.allowPrivate ? 'private incidents allowed' : 'never private incidents',
      `${c.maxTokens ?? '?'} tokens, ${Math.round((c.timeoutMs ?? 0) / 1000)} s`,
    ]
      .filter(Boolean)
      .join(' · ');
  return [c.siteUrl ?? c.baseUrl ?? c.apiUrl, c.email ?? c.clientEmail ?? c.clientId]
    .filter(Boolean)
    .join(' · ');
}
