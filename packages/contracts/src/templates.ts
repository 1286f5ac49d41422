import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

export const DESTINATIONS = ['notebook', 'confluence', 'google_docs'] as const;
export const DestinationSchema = z.enum(DESTINATIONS);
export type Destination = z.infer<typeof DestinationSchema>;

/** Templates are Markdown with `{{incident.title}}`-style variables (Liquid syntax). */
export const TemplateSchema = z.object({
  id: IdSchema,
  name: z.string(),
  content: z.string(),
  destination: DestinationSchema,
  incidentType: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: IsoDateSchema,
  modifiedAt: IsoDateSchema,
});
export type Template = z.infer<typeof TemplateSchema>;

/** Hard cap on template source size (bytes of UTF-8); larger → 413 PAYLOAD_TOO_LARGE. */
export const TEMPLATE_MAX_BYTES = 200_000;
