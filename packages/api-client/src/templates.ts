import type {
  CreateTemplateInput,
  IncidentType,
  ImportTemplatesResult,
  Template,
  TemplateBundle,
  TemplateIssueDto,
  TemplateVariable,
  UpdateTemplateInput,
} from '@pm/contracts';
import type { ApiClient } from './client.js';
import type { ItemList, JSONContent } from './types.js';

/** Body of `POST /templates/preview` with the editor's options. */
export interface TemplatePreviewRequest {
  incidentId: string;
  templateId?: string;
  content?: string;
  timeZone?: string;
  destination?: Template['destination'];
  importantOnly?: boolean;
}

/** Answer of `POST /templates/preview`: document, escaped HTML, warnings, line:col errors, server time. */
export interface TemplatePreviewResult {
  doc: JSONContent;
  html: string;
  warnings: string[];
  errors: TemplateIssueDto[];
  renderMs: number;
}

/** Template management calls (settings area); all go through the client's `request`. */
export interface TemplatesApi {
  list(query?: { incidentType?: string; sort?: string }): Promise<ItemList<Template>>;
  get(id: string): Promise<Template>;
  create(input: CreateTemplateInput): Promise<Template>;
  update(id: string, input: UpdateTemplateInput): Promise<Template>;
  remove(id: string): Promise<void>;
  variables(): Promise<ItemList<TemplateVariable>>;
  preview(input: TemplatePreviewRequest, signal?: AbortSignal): Promise<TemplatePreviewResult>;
  exportAll(): Promise<TemplateBundle>;
  /** One template as a JSON template file (the API also serves `format=markdown`). */
  exportOne(id: string): Promise<unknown>;
  import(input: { templates?: unknown[]; markdown?: string[] }): Promise<ImportTemplatesResult>;
  /** Incident types a template can be scoped to. */
  incidentTypes(): Promise<ItemList<IncidentType>>;
}

/** Template endpoints bound to `client`. */
export function templatesApi(client: ApiClient): TemplatesApi {
  const enc = encodeURIComponent;
  return {
    list: (q = {}) => {
      const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined) as string[][]);
      return client.request(`/templates${qs.size ? `?${qs}` : ''}`);
    },
    get: (id) => client.request(`/templates/${enc(id)}`),
    create: (input) => client.request('/templates', { method: 'POST', body: input }),
    update: (id, input) => client.request(`/templates/${enc(id)}`, { method: 'PATCH', body: input }),
    remove: (id) => client.request(`/templates/${enc(id)}`, { method: 'DELETE' }),
    variables: () => client.request('/templates/variables'),
    preview: (input, signal) => client.request('/templates/preview', { method: 'POST', body: input, signal }),
    exportAll: () => client.request('/templates/export'),
    exportOne: (id) => client.request(`/templates/${enc(id)}/export?format=json`),
    import: (input) => client.request('/templates/import', { method: 'POST', body: input }),
    incidentTypes: () => client.request('/incident-types'),
  };
}
