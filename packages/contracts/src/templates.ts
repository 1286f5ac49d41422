import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

export const DESTINATIONS = ['notebook', 'confluence', 'google_docs'] as const;
export const DestinationSchema = z.enum(DESTINATIONS);
export type Destination = z.infer<typeof DestinationSchema>;

/** Hard cap on template source size (bytes of UTF-8); larger → 413 PAYLOAD_TOO_LARGE. */
export const TEMPLATE_MAX_BYTES = 200_000;

/** Where a Confluence postmortem goes: connected account, space key (e.g. `ENG`), optional numeric parent page. */
export const ConfluenceSettingsSchema = z.object({
  accountId: z.uuid(),
  spaceKey: z
    .string()
    .trim()
    .regex(/^~?[A-Za-z0-9]{1,255}$/, 'a Confluence space key such as ENG'),
  parentPageId: z
    .string()
    .regex(/^\d{1,20}$/, 'a numeric Confluence page id')
    .nullable()
    .optional(),
});
export type ConfluenceSettings = z.infer<typeof ConfluenceSettingsSchema>;

/** Where a Google Docs postmortem goes: connected account and the Drive folder id (from the folder URL). */
export const GoogleDocsSettingsSchema = z.object({
  accountId: z.uuid(),
  folderId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{5,200}$/, 'a Google Drive folder id'),
});
export type GoogleDocsSettings = z.infer<typeof GoogleDocsSettingsSchema>;

/** Templates are Markdown with `{{incident.title}}`-style variables (Liquid syntax). */
export const TemplateSchema = z.object({
  id: IdSchema,
  name: z.string(),
  content: z.string(),
  destination: DestinationSchema,
  confluence: ConfluenceSettingsSchema.nullable(),
  googleDocs: GoogleDocsSettingsSchema.nullable(),
  /** Incident type (id, or a free-text type until incident types exist); null = any incident. */
  incidentType: z.string().nullable(),
  /** True for the effective default of its incident type (the most recent `defaultAt`). */
  isDefault: z.boolean(),
  /** When it was marked default (the spec's `is_default` timestamp); null = not marked. */
  defaultAt: IsoDateSchema.nullable(),
  createdAt: IsoDateSchema,
  modifiedAt: IsoDateSchema,
  lastModifiedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
});
export type Template = z.infer<typeof TemplateSchema>;

const NameSchema = z.string().trim().min(1).max(200);
/** `true` marks default now, an ISO timestamp marks it at that time, `false`/`null` unmarks. */
const IsDefaultInputSchema = z.union([z.boolean(), IsoDateSchema]).nullable();

const settingsRefinement = (
  v: { destination?: Destination; confluence?: unknown; googleDocs?: unknown },
  ctx: z.RefinementCtx,
) => {
  if (v.destination === 'confluence' && !v.confluence)
    ctx.addIssue({
      code: 'custom',
      path: ['confluence'],
      message: 'required when destination is confluence',
    });
  if (v.destination === 'google_docs' && !v.googleDocs)
    ctx.addIssue({
      code: 'custom',
      path: ['googleDocs'],
      message: 'required when destination is google_docs',
    });
};

/** Body of `POST /templates`. `type` accepts the reference product's legacy singular value too. */
export const CreateTemplateInputSchema = z
  .object({
    type: z.enum(['postmortem_templates', 'postmortem_template']).optional(),
    name: NameSchema,
    content: z.string(),
    destination: DestinationSchema.default('notebook'),
    confluence: ConfluenceSettingsSchema.nullable().optional(),
    googleDocs: GoogleDocsSettingsSchema.nullable().optional(),
    incidentType: z.string().trim().min(1).max(100).nullable().optional(),
    isDefault: IsDefaultInputSchema.optional(),
  })
  .superRefine(settingsRefinement);
export type CreateTemplateInput = z.input<typeof CreateTemplateInputSchema>;

/** Body of `PATCH /templates/:id`. `incidentType` is accepted only when unchanged (it is fixed at creation). */
export const UpdateTemplateInputSchema = z.object({
  name: NameSchema.optional(),
  content: z.string().optional(),
  destination: DestinationSchema.optional(),
  confluence: ConfluenceSettingsSchema.nullable().optional(),
  googleDocs: GoogleDocsSettingsSchema.nullable().optional(),
  incidentType: z.string().trim().min(1).max(100).nullable().optional(),
  isDefault: IsDefaultInputSchema.optional(),
});
export type UpdateTemplateInput = z.input<typeof UpdateTemplateInputSchema>;

export const TEMPLATE_SORT_FIELDS = ['name', 'createdAt', 'modifiedAt', 'defaultAt'] as const;

/** Query of `GET /templates`: `incidentType` (or `filter[incident-type]`), `sort=-modifiedAt`. */
export const TemplateListQuerySchema = z.object({
  incidentType: z.string().max(100).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${TEMPLATE_SORT_FIELDS.join('|')})$`), `one of ${TEMPLATE_SORT_FIELDS.join(', ')}`)
    .optional(),
});
export type TemplateListQuery = z.infer<typeof TemplateListQuerySchema>;

/** Body of `POST /templates/preview`: a saved template (`templateId`) or unsaved source (`content`). */
export const PreviewTemplateInputSchema = z
  .object({
    templateId: z.uuid().optional(),
    content: z.string().optional(),
    incidentId: z.uuid(),
    /** IANA zone for timestamps (default UTC). */
    timeZone: z.string().max(64).optional(),
    /** Destination to preview for (warns about notebook-only variables elsewhere). */
    destination: DestinationSchema.optional(),
    /** Timeline variable renders only entries marked important. */
    importantOnly: z.boolean().optional(),
  })
  .refine((v) => v.templateId || v.content !== undefined, {
    message: 'templateId or content is required',
    path: ['templateId'],
  });
export type PreviewTemplateInputBody = z.infer<typeof PreviewTemplateInputSchema>;

/** One template problem at 1-based line:col (unknown variable, syntax error), with an optional suggestion. */
export const TemplateIssueSchema = z.object({
  line: z.number().int(),
  col: z.number().int(),
  message: z.string(),
  code: z.enum(['TEMPLATE_SYNTAX', 'UNKNOWN_VARIABLE']),
  suggestion: z.string().optional(),
});
export type TemplateIssueDto = z.infer<typeof TemplateIssueSchema>;

/** Answer of `POST /templates/preview`; `html` is already escaped by the server. */
export const TemplatePreviewSchema = z.object({
  doc: z.record(z.string(), z.unknown()),
  html: z.string(),
  warnings: z.array(z.string()),
  errors: z.array(TemplateIssueSchema),
  renderMs: z.number(),
});

/** One entry of the variable catalog (`GET /templates/variables`). */
export const TemplateVariableSchema = z.object({
  name: z.string(),
  description: z.string(),
  example: z.string(),
  destinations: z.array(DestinationSchema),
  supported: z.boolean(),
  kind: z.enum(['text', 'block']),
  note: z.string().optional(),
});
export type TemplateVariable = z.infer<typeof TemplateVariableSchema>;

/** A template as code (export/import): everything but server-owned fields. */
export const TemplateFileSchema = z
  .object({
    name: NameSchema,
    incidentType: z.string().trim().min(1).max(100).nullable().default(null),
    destination: DestinationSchema.default('notebook'),
    confluence: ConfluenceSettingsSchema.nullable().optional(),
    googleDocs: GoogleDocsSettingsSchema.nullable().optional(),
    isDefault: z.boolean().default(false),
    content: z.string(),
  })
  .superRefine(settingsRefinement);
export type TemplateFile = z.input<typeof TemplateFileSchema>;

/** Body of `POST /templates/import`: JSON template files and/or Markdown files with front matter. */
export const ImportTemplatesInputSchema = z
  .object({
    templates: z.array(z.unknown()).max(200).optional(),
    markdown: z.array(z.string()).max(200).optional(),
  })
  .refine((v) => (v.templates?.length ?? 0) + (v.markdown?.length ?? 0) > 0, {
    message: 'templates or markdown is required',
    path: ['templates'],
  });
export type ImportTemplatesInput = z.infer<typeof ImportTemplatesInputSchema>;

/** Answer of `POST /templates/import`: what happened to each file, matched by name + incident type. */
export const ImportTemplatesResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  items: z.array(
    z.object({ name: z.string(), id: IdSchema, outcome: z.enum(['created', 'updated', 'unchanged']) }),
  ),
});
export type ImportTemplatesResult = z.infer<typeof ImportTemplatesResultSchema>;

/** `GET /templates/export?format=json`: every template as code. */
export const TemplateBundleSchema = z.object({
  version: z.literal(1),
  templates: z.array(TemplateFileSchema),
});
export type TemplateBundle = z.infer<typeof TemplateBundleSchema>;
