import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';
import { ConfluenceSettingsSchema, GoogleDocsSettingsSchema } from './templates.js';

/** What an export produces: a download (markdown, html, pdf) or a page / document at a destination. */
export const EXPORT_KINDS = ['markdown', 'html', 'pdf', 'confluence', 'google_docs'] as const;
export const ExportKindSchema = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKindSchema>;

/** Kinds that produce a file served by `GET /exports/{id}/file`. */
export const DOWNLOAD_KINDS = ['markdown', 'html', 'pdf'] as const satisfies readonly ExportKind[];
export const isDownloadKind = (k: ExportKind): k is (typeof DOWNLOAD_KINDS)[number] =>
  (DOWNLOAD_KINDS as readonly string[]).includes(k);

/** Content type and file extension of each downloadable kind. */
export const DOWNLOAD_FORMATS = {
  markdown: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
} as const;

/** The row moves queued → running → ready | failed; the DB row is the truth, Redis only transport. */
export const EXPORT_STATES = ['queued', 'running', 'ready', 'failed'] as const;
export const ExportStateSchema = z.enum(EXPORT_STATES);
export type ExportState = z.infer<typeof ExportStateSchema>;

/** Largest file an export stores for download (bytes); a larger rendering fails with EXPORT_TOO_LARGE. */
export const EXPORT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Why an export failed, as shown on the row: a stable `code` (DESTINATION_*, EXPORT_*, PDF_*), the reason, and for
 * destination failures the call that failed (`METHOD url`, never credentials) and its HTTP status.
 */
export const ExportErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  target: z.string().optional(),
  status: z.number().int().optional(),
});
export type ExportError = z.infer<typeof ExportErrorSchema>;

export const ExportSchema = z.object({
  id: IdSchema,
  postmortemId: IdSchema,
  kind: ExportKindSchema,
  state: ExportStateSchema,
  /** 0–100, reported by the worker. */
  progress: z.number().int().min(0).max(100),
  /** Page id (Confluence) or file id (Drive) once published. */
  externalId: z.string().nullable(),
  /** Where the published page / document lives. */
  url: z.string().nullable(),
  /** Download name of a file export once ready. */
  fileName: z.string().nullable(),
  /** Size in bytes of a ready download. */
  size: z.number().int().nullable(),
  error: ExportErrorSchema.nullable(),
  createdAt: IsoDateSchema,
  createdBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  finishedAt: IsoDateSchema.nullable(),
});
export type Export = z.infer<typeof ExportSchema>;

/**
 * Body of `POST /postmortems/{id}/exports`. For confluence / google_docs the account and place default to the
 * postmortem's template destination when it has one of that kind; otherwise they are required.
 */
export const CreateExportSchema = z
  .object({
    kind: ExportKindSchema,
    accountId: IdSchema.optional(),
    spaceKey: ConfluenceSettingsSchema.shape.spaceKey.optional(),
    parentPageId: z
      .string()
      .regex(/^\d{1,20}$/, 'a numeric Confluence page id')
      .nullable()
      .optional(),
    folderId: GoogleDocsSettingsSchema.shape.folderId.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const foreign =
      v.kind === 'confluence'
        ? (['folderId'] as const)
        : v.kind === 'google_docs'
          ? (['spaceKey', 'parentPageId'] as const)
          : (['accountId', 'spaceKey', 'parentPageId', 'folderId'] as const);
    for (const key of foreign)
      if (v[key] !== undefined && v[key] !== null)
        ctx.addIssue({ code: 'custom', path: [key], message: `not used by a ${v.kind} export` });
  });
export type CreateExportInput = z.infer<typeof CreateExportSchema>;

/** Where a destination export goes, resolved by the API and stored on the row for the worker. */
export const ExportTargetSchema = z.union([
  z.object({
    kind: z.literal('confluence'),
    accountId: IdSchema,
    spaceKey: z.string(),
    parentPageId: z.string().nullable(),
  }),
  z.object({ kind: z.literal('google_docs'), accountId: IdSchema, folderId: z.string() }),
]);
export type ExportTarget = z.infer<typeof ExportTargetSchema>;

/** Stable key of a target: a later export to the same key updates the page / document made by an earlier one. */
export const exportTargetKey = (t: ExportTarget): string =>
  t.kind === 'confluence'
    ? `confluence:${t.accountId}:${t.spaceKey}`
    : `google_docs:${t.accountId}:${t.folderId}`;

/** The marker stored with a published page / document: one per postmortem and destination kind. */
export const exportMarker = (postmortemId: string, kind: 'confluence' | 'google_docs'): string =>
  `${postmortemId}-${kind}`;
