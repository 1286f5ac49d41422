import type { EntityManager } from '@mikro-orm/core';
import type { ExportTarget } from '@pm/contracts';
import type { Postmortem } from '@pm/db';
import type { JSONContent } from '@pm/doc-model';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { DestinationPublishers, KeyedSemaphore } from '../exports/destinations.js';
import { classifyExportFailure } from '../exports/export-failure.js';
import { publishDocument } from '../exports/publish-document.js';

/** The template's save location as an export target, or a reason it has none. */
export function templateTarget(pm: Postmortem): ExportTarget | string {
  const t = pm.template;
  if (!t) return 'the template was deleted before generation started';
  if (pm.destination === 'confluence') {
    const c = t.confluenceSettings;
    if (!c) return 'the template has no Confluence space';
    return {
      kind: 'confluence',
      accountId: c.accountId,
      spaceKey: c.spaceKey,
      parentPageId: c.parentPageId ?? null,
    };
  }
  if (pm.destination === 'google_docs') {
    const g = t.googleDocsSettings;
    if (!g) return 'the template has no Google Drive folder';
    return { kind: 'google_docs', accountId: g.accountId, folderId: g.folderId };
  }
  return `destination ${pm.destination} is not a publishing destination`;
}

/**
 * Publishes a generated document to the template's Confluence space / Drive folder and returns where it lives.
 * A retry after a lost response finds the page by its marker; `pm.externalId` (set once published) makes a re-run
 * update rather than create. Failures: permanent → UnrecoverableError with the destination's reason; 429 → the
 * job is delayed by Retry-After; other retryable ones are rethrown for the queue's backoff.
 */
export async function publishGenerated(
  em: EntityManager,
  deps: { publishers: DestinationPublishers; perDestination: KeyedSemaphore },
  job: Job,
  token: string | undefined,
  pm: Postmortem,
  doc: JSONContent,
): Promise<{ externalId: string; url: string }> {
  const target = templateTarget(pm);
  if (typeof target === 'string') throw new UnrecoverableError(target);
  try {
    const { externalId, url } = await publishDocument(em, deps.publishers, deps.perDestination, {
      postmortemId: pm.id,
      title: pm.title,
      json: doc,
      target,
      existingExternalId: pm.externalId ?? undefined,
      refreshFound: false,
    });
    return { externalId, url };
  } catch (e) {
    const { error, retryable, retryAfterMs } = classifyExportFailure(e);
    const reason = `${error.code}: ${error.message}${error.target ? ` (${error.target})` : ''}`;
    if (!retryable) throw new UnrecoverableError(reason);
    if (retryAfterMs !== undefined && token) {
      await job.moveToDelayed(Date.now() + retryAfterMs, token);
      throw new DelayedError();
    }
    throw new Error(reason, { cause: e });
  }
}
