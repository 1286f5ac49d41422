import type {
  afterStoreDocumentPayload,
  connectedPayload,
  Extension,
  onDisconnectPayload,
  onListenPayload,
} from '@hocuspocus/server';
import type { Logger } from '../logger.js';
import type { CollabContext } from './auth.extension.js';

/** Structured logs for the connection lifecycle (who opened which document, stores). */
export class LoggerExtension implements Extension {
  readonly extensionName = 'pm-logger';

  constructor(private readonly logger: Logger) {}

  async onListen({ port }: onListenPayload): Promise<void> {
    this.logger.debug({ port }, 'listening');
  }

  async connected({ documentName, context, socketId }: connectedPayload<CollabContext>): Promise<void> {
    this.logger.info(
      { documentName, socketId, userId: context.user?.id, readOnly: context.readOnly },
      'client connected',
    );
  }

  async onDisconnect({
    documentName,
    context,
    socketId,
    clientsCount,
  }: onDisconnectPayload<CollabContext>): Promise<void> {
    this.logger.info(
      { documentName, socketId, userId: context?.user?.id, clientsCount },
      'client disconnected',
    );
  }

  async afterStoreDocument({ documentName, clientsCount }: afterStoreDocumentPayload): Promise<void> {
    this.logger.debug({ documentName, clientsCount }, 'store finished');
  }
}
