import type { Extension, onConfigurePayload, onRequestPayload } from '@hocuspocus/server';
import { AuthTokenError, verifyCollabToken } from '@pm/auth';
import { documentNameFor, matchCollabVersionsPath } from '@pm/contracts';
import type { Orm } from '@pm/db';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { Refusal, REFUSAL } from '../refusals.js';
import type { AutoSnapshots } from '../snapshots.js';
import { DocumentVersions, VersionNotFoundError } from '../versions.js';
import type { CollabContext } from './auth.extension.js';
import { handledByHook } from './handled.js';

const NamedBody = z.object({ name: z.string().trim().min(1).max(200) });

export interface VersionsExtensionOptions {
  orm: { readonly orm: Orm };
  secret: string;
  logger: Logger;
  snapshots?: AutoSnapshots;
  authorize: (context: CollabContext, documentName: string) => Promise<void>;
}

/**
 * HTTP on the collab port for the API (not for browsers):
 *   POST /internal/documents/:documentId/versions            { name } → named snapshot of the live document
 *   POST /internal/documents/:documentId/versions/:id/restore          → restore into the live document
 * The caller presents a collab token (the API signs one for the acting user) for that document with write access;
 * the incident access rule is re-checked here too.
 */
export class VersionsExtension implements Extension {
  readonly extensionName = 'pm-versions';
  readonly priority = 150; // before the health extension's catch-all 404
  private versions?: DocumentVersions;

  constructor(private readonly options: VersionsExtensionOptions) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.versions = new DocumentVersions(instance, this.options.orm, this.options.snapshots);
  }

  async onRequest({ request, response }: onRequestPayload): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = matchCollabVersionsPath(path);
    if (request.method !== 'POST' || !route || !this.versions) return; // not ours: let the next extension answer
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    try {
      const { documentId, versionId } = route;
      const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      const claims = await verifyCollabToken(token, this.options.secret);
      if (claims.doc !== documentId || claims.ro) throw new Refusal(REFUSAL.ACCESS_DENIED);
      const user = { id: claims.sub, name: claims.name };
      await this.options.authorize({ user, documentId, readOnly: false }, documentNameFor(documentId));
      if (versionId) {
        send(200, await this.versions.restore(documentId, versionId, user));
      } else {
        const body = NamedBody.parse(JSON.parse((await readBody(request)) || '{}'));
        send(201, await this.versions.createNamed(documentId, body.name, user));
      }
    } catch (err) {
      if (err instanceof AuthTokenError || err instanceof Refusal)
        send(403, { code: 'FORBIDDEN', message: 'Not allowed' });
      else if (err instanceof VersionNotFoundError) send(404, { code: err.code, message: err.message });
      else if (err instanceof z.ZodError || err instanceof SyntaxError)
        send(400, { code: 'VALIDATION_FAILED', message: 'name: 1–200 characters' });
      else {
        this.options.logger.error({ err, path }, 'version request failed');
        send(500, { code: 'INTERNAL', message: 'Version request failed' });
      }
    }
    return handledByHook();
  }
}

async function readBody(request: onRequestPayload['request']): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > 10_000) throw new SyntaxError('body too large');
  }
  return body;
}
