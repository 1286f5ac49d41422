/** What to publish: the same shape for every external destination. */
export interface PublishInput {
  title: string;
  /** Confluence: storage-format XHTML. Drive: self-contained HTML (converted to a Google Doc). */
  body: string;
  /**
   * A stable key of this export (e.g. the export row's id). Stored with the created page / file so a retry after
   * a lost response finds what it already created instead of creating a second one.
   */
  marker: string;
  /** The page / file id from an earlier export of the same postmortem: update it instead of creating. */
  existingExternalId?: string;
}

/** Where the content now lives. */
export interface PublishResult {
  externalId: string;
  url: string;
  /** `created`, `updated`, or `found` (a retry found the page its lost attempt had created). */
  outcome: 'created' | 'updated' | 'found';
}

/** Size in UTF-8 bytes: what the destination's limit counts. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
