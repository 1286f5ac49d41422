import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { CLOSE_REASON, COLLAB_CLOSE_CODE } from '@pm/contracts';
import * as Y from 'yjs';
import { commentsChanged, commentsState, commentsViolation } from '../comments-rules.js';
import { touchesComments } from '../comments-touch.js';
import { updateOf } from '../frames.js';
import type { Logger } from '../logger.js';
import type { CollabContext } from './auth.extension.js';

/**
 * Enforces the comment rules (see comments-rules.ts) on every edit BEFORE it is applied. An update that does not
 * touch the comments map passes after a structural look (comments-touch.ts). One that does is applied to a scratch
 * copy of the document and the comments compared before and after; a violation closes the connection with
 * COMMENT_REJECTED and nothing of the update reaches the document, the other editors or the database.
 */
export class CommentsExtension implements Extension {
  readonly extensionName = 'pm-comments';

  constructor(private readonly options: { logger: Logger }) {}

  async beforeHandleMessage({ update: frame, document, documentName, context }: beforeHandleMessagePayload) {
    const update = updateOf(frame);
    if (!update || !touchesComments(document, update)) return;
    const { user, readOnly } = context as CollabContext;
    const why = check(document, update, user.id, readOnly);
    if (!why) return;
    this.options.logger.warn(
      { documentName, userId: user.id, why },
      'refused: edit breaks the comment rules',
    );
    throw Object.assign(new Error('comment change refused'), {
      code: COLLAB_CLOSE_CODE.COMMENT_REJECTED,
      reason: CLOSE_REASON.COMMENT_REJECTED,
    });
  }
}

/** Applies `update` to a copy of `document`; returns why the comment change is refused, or null. */
export function check(document: Y.Doc, update: Uint8Array, userId: string, readOnly: boolean): string | null {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(document));
    const before = commentsState(scratch);
    Y.applyUpdate(scratch, update);
    const after = commentsState(scratch);
    if (readOnly) return commentsChanged(before, after) ? 'read-only user changed comments' : null;
    return commentsViolation(before, after, userId);
  } catch {
    return 'unreadable update';
  } finally {
    scratch.destroy();
  }
}
