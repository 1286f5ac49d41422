import type { EntityManager } from '@mikro-orm/core';
import { exportMarker, type ExportTarget } from '@pm/contracts';
import { jsonToConfluenceStorage, jsonToHtmlDocument, type JSONContent } from '@pm/doc-model';
import type { PublishResult } from '@pm/integrations';
import type { DestinationPublishers, KeyedSemaphore } from './destinations.js';

/** One document to publish for a postmortem. */
export interface PublishDocumentInput {
  postmortemId: string;
  title: string;
  json: JSONContent;
  target: ExportTarget;
  /** The page / file an earlier publication of this postmortem to the same target created. */
  existingExternalId?: string;
  /**
   * True on the first run of a new publication: a page found by marker then belongs to an earlier publication
   * that lost its answer, so its content is older and is brought up to date.
   */
  refreshFound: boolean;
}

/**
 * Renders the document for the target (Confluence storage format, or a self-contained HTML page Drive converts)
 * and publishes it with the marker postmortem id + destination kind, under the per-destination concurrency cap.
 */
export function publishDocument(
  em: EntityManager,
  publishers: DestinationPublishers,
  perDestination: KeyedSemaphore,
  input: PublishDocumentInput,
): Promise<PublishResult> {
  const { target, json, title } = input;
  const body =
    target.kind === 'confluence' ? jsonToConfluenceStorage(json) : jsonToHtmlDocument(json, { title });
  return perDestination.run(target.kind, async () => {
    const publisher = await publishers.forTarget(em, target);
    const base = { title, body, marker: exportMarker(input.postmortemId, target.kind) };
    const first = await publisher.publish({ ...base, existingExternalId: input.existingExternalId });
    return first.outcome === 'found' && input.refreshFound
      ? publisher.publish({ ...base, existingExternalId: first.externalId })
      : first;
  });
}
