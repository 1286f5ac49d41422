import { TrackerError } from './tracker-error.js';

/** What a follow-up export sends to a tracker. */
export interface TrackerIssueInput {
  /** The follow-up's content, used as the title unless a mapping renders one. */
  title: string;
  /** Plain text; each tracker gets it in its own format (ADF on Jira Cloud, text on Jira DC, Markdown on GitHub). */
  description: string;
  /** Tracker-side user id: Jira Cloud accountId, Jira Data Center user name, GitHub login. */
  assignee?: string;
  /** `YYYY-MM-DD`. */
  dueDate?: string;
  /**
   * Stable id of the export (e.g. the follow-up id). The issue is tagged with it and looked up before creating, so a
   * retry after a lost response finds the issue instead of creating a second one.
   */
  marker: string;
  /** Variables for the field templates (incident title, severity, …). */
  vars?: Record<string, unknown>;
}

/** Where the exported issue lives: the key shown on the item and the link back. */
export interface TrackerIssueRef {
  /** `OPS-12` on Jira, `owner/repo#12` on GitHub. */
  key: string;
  url: string;
}

/** A tracker issue as the sync sees it; a deleted or inaccessible issue is a result, never silently dropped. */
export type TrackerIssueState =
  | { deleted: false; key: string; url: string; title: string; done: boolean }
  | {
      deleted: true;
      key: string;
      /** `TRACKER_GONE` when the tracker says it was deleted (GitHub 410), `TRACKER_NOT_FOUND` otherwise. */
      code: 'TRACKER_GONE' | 'TRACKER_NOT_FOUND';
      message: string;
    };

/** Changes pushed from an edited follow-up; omitted fields stay as they are. */
export interface TrackerIssueUpdate {
  title?: string;
  /** Tracker-side user id; `null` unassigns. */
  assignee?: string | null;
}

/** One tracker connection (a Jira project or a GitHub repository). Every method retries transient failures. */
export interface TrackerClient {
  /** Creates the issue, or returns the one already tagged with `input.marker` (`created: false`). */
  createIssue(input: TrackerIssueInput): Promise<TrackerIssueRef & { created: boolean }>;
  updateIssue(key: string, update: TrackerIssueUpdate): Promise<void>;
  /** Moves the issue to a done state (`true`) or back to an open one (`false`); a no-op when already there. */
  setDone(key: string, done: boolean): Promise<void>;
  getIssue(key: string): Promise<TrackerIssueState>;
}

/** Renders one field template with the export variables (the app passes the LiquidJS engine of `@pm/templating`). */
export type RenderTemplate = (template: string, vars: Record<string, unknown>) => string | Promise<string>;

/**
 * Markers end up in a Jira label and a GitHub HTML comment, so only characters that are inert in both are allowed
 * (a UUID fits).
 */
export function assertMarker(marker: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(marker)) {
    throw new TrackerError('TRACKER_INVALID', {
      target: 'follow-up export',
      reason: `marker ${JSON.stringify(marker)} must match [A-Za-z0-9_-]{1,100}`,
      attempts: 0,
    });
  }
}

/** Maps a "not there" failure to a deleted result; anything else is rethrown. */
export function deletedOrThrow(key: string, error: unknown): TrackerIssueState {
  if (
    error instanceof TrackerError &&
    (error.code === 'TRACKER_GONE' || error.code === 'TRACKER_NOT_FOUND')
  ) {
    const message =
      error.code === 'TRACKER_GONE'
        ? `${key} was deleted in the tracker`
        : `${key} was deleted or is not accessible with this connection`;
    return { deleted: true, key, code: error.code, message };
  }
  throw error;
}
