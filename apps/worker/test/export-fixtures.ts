import type { EntityManager } from '@mikro-orm/core';
import { exportTargetKey, type ExportKind, type ExportTarget } from '@pm/contracts';
import { createDocument, DEMO_CHECKOUT_INCIDENT_TITLE, Export, Incident, Postmortem, User } from '@pm/db';
import { jsonToText, jsonToYState, type JSONContent } from '@pm/doc-model';
import { ConfluenceClient, DriveClient } from '@pm/integrations';
import type { FakeConfluence, FakeDrive } from '@pm/testing';
import type { DestinationPublishers } from '../src/exports/destinations.js';

/** A notebook document with hostile incident data: markup in text and a `javascript:` link. */
export const HOSTILE_DOC: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Checkout outage' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Injected <script>alert(1)</script> text' }] },
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'click me',
          marks: [{ type: 'link', attrs: { href: 'javascript:alert(2)' } }],
        },
      ],
    },
  ],
};

/** A notebook postmortem of the demo checkout incident whose document is `doc`. */
export async function notebookPostmortem(em: EntityManager, title: string, doc: JSONContent = HOSTILE_DOC) {
  const incident = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
  const user = await em.findOneOrFail(User, { email: 'standard@example.com' });
  const document = createDocument(em, {
    yState: jsonToYState(doc),
    json: doc as Record<string, unknown>,
    text: jsonToText(doc),
  });
  const pm = em.create(Postmortem, {
    incident,
    title,
    destination: 'notebook',
    requestedBy: user,
    owner: user,
    document,
    generationState: 'ready',
    progress: 100,
  });
  await em.flush();
  return pm;
}

/** An export row as the API inserts it. */
export async function exportRow(
  em: EntityManager,
  pm: Postmortem,
  kind: ExportKind,
  target: ExportTarget | null = null,
  email = 'standard@example.com',
): Promise<string> {
  const user = await em.findOneOrFail(User, { email });
  const ex = em.create(Export, {
    postmortem: pm,
    kind,
    requestedBy: user,
    target,
    targetKey: target ? exportTargetKey(target) : null,
  });
  await em.flush();
  return ex.id;
}

/**
 * Publishers for tests: account ids map to the fakes (Confluence Cloud / Drive service account) or to a forbidden
 * base URL. The clients make one attempt each, as in production: the queue owns retries.
 */
export function fakePublishers(fakes: {
  confluence: FakeConfluence;
  drive: FakeDrive;
  driveKey: ConstructorParameters<typeof DriveClient>[0]['account'];
  forbiddenAccountId: string;
}): DestinationPublishers {
  return {
    forTarget(_em, target) {
      const guard = { allowLoopbackForTests: true };
      const retry = { maxAttempts: 1 };
      if (target.kind === 'confluence') {
        const siteUrl =
          target.accountId === fakes.forbiddenAccountId ? 'http://169.254.169.254' : fakes.confluence.siteUrl;
        return Promise.resolve(
          new ConfluenceClient({
            account: {
              kind: 'cloud',
              siteUrl,
              email: fakes.confluence.email,
              apiToken: fakes.confluence.apiToken,
            },
            spaceKey: target.spaceKey,
            parentPageId: target.parentPageId ?? undefined,
            guard,
            retry,
          }),
        );
      }
      return Promise.resolve(
        new DriveClient({
          account: fakes.driveKey,
          folderId: target.folderId,
          rootUrl: `${fakes.drive.url}/`,
          guard,
          retry,
        }),
      );
    },
  };
}
