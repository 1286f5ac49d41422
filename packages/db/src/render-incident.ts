import type { EntityManager } from '@mikro-orm/core';
import { renderTemplate, type RenderOptions, type RenderResult } from '@pm/templating';
import { loadIncidentContext } from './incident-context.js';

/** Options of {@link renderIncidentTemplate}: the engine's options plus the time zone timestamps print in. */
export interface RenderIncidentOptions extends Omit<RenderOptions, 'customFieldNames'> {
  /** IANA time zone (default UTC). */
  timeZone?: string;
}

/**
 * The one render pipeline: incident rows → render context → Liquid → doc-model JSON. The API's preview and the
 * worker's generation both call it, so a generated document is exactly what the user previewed (same context,
 * same declared custom fields, same engine options). Throws the engine's `TemplateError` for a template that does
 * not render, and `IncidentNotFound` (incident-context.ts) when the incident does not exist.
 */
export async function renderIncidentTemplate(
  em: EntityManager,
  incidentId: string,
  source: string,
  opts: RenderIncidentOptions = {},
): Promise<RenderResult> {
  const { timeZone, ...engine } = opts;
  const { ctx, customFieldNames } = await loadIncidentContext(em, incidentId, timeZone);
  return renderTemplate(source, ctx, { ...engine, customFieldNames });
}
