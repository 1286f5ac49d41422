import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { AuthTokenError, verifyCollabToken } from '@pm/auth';
import { documentIdFromName } from '@pm/contracts';
import type { Logger } from '../logger.js';
import { Refusal, REFUSAL } from '../refusals.js';

/** What every hook after authentication finds in `context`. */
export interface CollabContext {
  user: { id: string; name: string };
  documentId: string;
  readOnly: boolean;
}

export interface AuthExtensionOptions {
  secret: string;
  /** The editor schema version this server speaks (doc-model's DOC_SCHEMA_VERSION). */
  schemaVersion: number;
  logger: Logger;
  /** Incident access check once the token is valid; throws a Refusal to deny (see AccessExtension). */
  authorize?: (context: CollabContext, documentName: string) => Promise<void>;
}

/**
 * Verifies the API-issued collab token for the requested document before anything is loaded or sent.
 * Read-only grants make the SERVER drop that connection's updates (Hocuspocus `connectionConfig.readOnly`).
 */
export class AuthExtension implements Extension {
  readonly extensionName = 'pm-auth';
  // Runs before persistence (default 100), so an unauthenticated client never triggers a DB load.
  readonly priority = 200;

  constructor(private readonly options: AuthExtensionOptions) {}

  async onAuthenticate({
    token,
    documentName,
    connectionConfig,
    socketId,
  }: onAuthenticatePayload): Promise<CollabContext> {
    const log = this.options.logger.child({ documentName, socketId });
    const documentId = documentIdFromName(documentName);
    if (!documentId) {
      log.info('refused: not a postmortem document name');
      throw new Refusal(REFUSAL.DOCUMENT_NOT_FOUND);
    }
    let claims;
    try {
      claims = await verifyCollabToken(token, this.options.secret);
    } catch (err) {
      const reason = err instanceof AuthTokenError ? err.code : REFUSAL.TOKEN_INVALID;
      log.info({ reason }, 'refused: bad collab token');
      throw new Refusal(reason);
    }
    if (claims.doc !== documentId) {
      log.warn({ userId: claims.sub, tokenDoc: claims.doc }, 'refused: token is for another document');
      throw new Refusal(REFUSAL.DOCUMENT_MISMATCH);
    }
    if (claims.sv !== this.options.schemaVersion) {
      log.info(
        { clientSchema: claims.sv, serverSchema: this.options.schemaVersion },
        'refused: editor schema mismatch',
      );
      throw new Refusal(REFUSAL.SCHEMA_MISMATCH);
    }
    const context: CollabContext = {
      user: { id: claims.sub, name: claims.name },
      documentId,
      readOnly: claims.ro,
    };
    // `authorize` may narrow the grant to read-only (a Completed postmortem), never widen it.
    await this.options.authorize?.(context, documentName);
    connectionConfig.readOnly = claims.ro || context.readOnly;
    log.debug({ userId: claims.sub, readOnly: connectionConfig.readOnly }, 'authenticated');
    return context;
  }
}
