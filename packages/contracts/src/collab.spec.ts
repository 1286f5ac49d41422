import { describe, expect, it } from 'vitest';
import {
  CLOSE_REASON,
  closeReasonOf,
  COLLAB_CLOSE_CODE,
  collabReasonMessage,
  collabRestorePath,
  collabVersionsPath,
  matchCollabVersionsPath,
  REFUSAL,
} from './collab.js';

const DOC = '6f1c1c36-4d4e-4a40-9d2f-2b8b9f0c1a11';
const VERSION = '0b7d5f2e-1c3a-4e5f-8a9b-0c1d2e3f4a5b';

describe('collab protocol', () => {
  it('tells the user what every refusal and close reason means', () => {
    for (const reason of [...Object.values(REFUSAL), ...Object.values(CLOSE_REASON)]) {
      const message = collabReasonMessage(reason);
      expect(message, reason).not.toBe(reason);
      expect(message, reason).toMatch(/\.$/);
    }
    expect(collabReasonMessage('ACCESS_REVOKED')).toContain('no longer have access');
    // A reason from a newer server is shown as it is rather than hidden.
    expect(collabReasonMessage('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(collabReasonMessage('toString')).toBe('toString');
  });

  it('reads why an open document was closed from the close event', () => {
    // A document-level close reaches the client as a normal close carrying only the server's reason.
    expect(closeReasonOf({ code: 1000, reason: CLOSE_REASON.ACCESS_REVOKED })).toBe('ACCESS_REVOKED');
    expect(closeReasonOf({ code: 1000, reason: CLOSE_REASON.DOCUMENT_TOO_LARGE })).toBe('DOCUMENT_TOO_LARGE');
    // ws closes the socket of an oversized frame with 1009 and no reason of ours.
    expect(closeReasonOf({ code: COLLAB_CLOSE_CODE.MESSAGE_TOO_BIG, reason: '' })).toBe('DOCUMENT_TOO_LARGE');
    // An ordinary close (server restart, network) is not a refusal: the provider reconnects.
    expect(closeReasonOf({ code: 1006, reason: '' })).toBeNull();
    expect(closeReasonOf({ code: 1000, reason: 'Server closed the connection' })).toBeNull();
  });

  it('round-trips the internal version paths and refuses anything else', () => {
    expect(matchCollabVersionsPath(collabVersionsPath(DOC))).toEqual({ documentId: DOC });
    expect(matchCollabVersionsPath(collabRestorePath(DOC, VERSION))).toEqual({
      documentId: DOC,
      versionId: VERSION,
    });
    for (const path of [
      `/internal/documents/${DOC}`,
      `/internal/documents/${DOC}/versions/`,
      `/internal/documents/${DOC}/versions/${VERSION}`,
      `/internal/documents/../versions`,
      `/internal/documents/${'-'.repeat(36)}/versions`,
      `/x/internal/documents/${DOC}/versions`,
    ]) {
      expect(matchCollabVersionsPath(path), path).toBeNull();
    }
  });
});
