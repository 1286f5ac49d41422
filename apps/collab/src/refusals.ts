import type { RefusalReason } from '@pm/contracts';

// The reasons themselves are protocol: defined once in @pm/contracts, next to the messages the tab shows for them.
export { REFUSAL, type RefusalReason } from '@pm/contracts';

/** The error shape Hocuspocus turns into a permission-denied message carrying `reason` to the client. */
export class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail?: string,
  ) {
    // An empty message keeps Hocuspocus from console.error-ing every refusal; our logger records it instead.
    super('');
    this.name = 'Refusal';
  }
}
