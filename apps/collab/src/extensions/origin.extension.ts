import type { Extension, onConnectPayload, onUpgradePayload } from '@hocuspocus/server';
import type { Logger } from '../logger.js';
import { Refusal, REFUSAL } from '../refusals.js';
import { handledByHook } from './handled.js';

export interface OriginExtensionOptions {
  allowedOrigins: string[];
  /** Allow upgrades without an Origin header (node clients); browsers always send one. */
  allowMissingOrigin: boolean;
  logger: Logger;
  /** Counts a refusal answered at the HTTP upgrade (metrics). */
  refused?: (reason: string) => void;
}

/**
 * Refuses WebSocket upgrades from pages on foreign origins (cross-site WebSocket hijacking): the token already
 * binds a user to a document, this stops another site from riding a token it somehow obtained.
 */
export class OriginExtension implements Extension {
  readonly extensionName = 'pm-origin';
  readonly priority = 300;
  private readonly allowed: Set<string>;

  constructor(private readonly options: OriginExtensionOptions) {
    this.allowed = new Set(options.allowedOrigins.map((o) => o.replace(/\/$/, '')));
  }

  /** True when a request with this Origin header (or none) may connect. */
  isAllowed(origin: string | null | undefined): boolean {
    if (origin === undefined || origin === null || origin === '') return this.options.allowMissingOrigin;
    return this.allowed.has(origin);
  }

  async onUpgrade({ request, socket }: onUpgradePayload): Promise<void> {
    const origin = request.headers.origin;
    if (this.isAllowed(origin)) return;
    this.options.logger.warn({ origin: origin ?? null }, 'refused WebSocket upgrade from a foreign origin');
    this.options.refused?.(REFUSAL.ORIGIN_FORBIDDEN); // answered here, not thrown: counted explicitly
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return handledByHook();
  }

  /** Second line of defence for connections that did not come through our HTTP upgrade (custom transports). */
  async onConnect({ requestHeaders, documentName }: onConnectPayload): Promise<void> {
    const origin = requestHeaders.get('origin');
    if (this.isAllowed(origin)) return;
    this.options.logger.warn({ origin, documentName }, 'refused connection from a foreign origin');
    throw new Refusal(REFUSAL.ORIGIN_FORBIDDEN);
  }
}
