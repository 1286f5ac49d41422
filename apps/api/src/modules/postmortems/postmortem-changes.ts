import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * In-process hints that an incident's postmortems changed (rename, status, owner, attach, remove, generate).
 * They only cut a list stream's wait short: the database stays the truth, and changes made by another API
 * instance, the worker (generation) or collab (comment count, last editor) are picked up by the periodic re-read.
 */
@Injectable()
export class PostmortemChanges {
  private readonly bus = new EventEmitter().setMaxListeners(0);

  changed(incidentId: string): void {
    this.bus.emit(incidentId);
  }

  subscribe(incidentId: string, fn: () => void): () => void {
    this.bus.on(incidentId, fn);
    return () => this.bus.off(incidentId, fn);
  }
}
