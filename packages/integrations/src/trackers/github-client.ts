import { Octokit } from '@octokit/rest';
import type { TrackerTransportOptions } from './jira-http.js';
import { withRetry } from '../outbound/index.js';
import { TrackerError } from './tracker-error.js';
import {
  assertMarker,
  deletedOrThrow,
  type TrackerClient,
  type TrackerIssueInput,
  type TrackerIssueRef,
  type TrackerIssueState,
  type TrackerIssueUpdate,
} from './types.js';

/** How to reach one GitHub repository. */
export interface GitHubConnection {
  /** REST root; default `https://api.github.com` (GitHub Enterprise Server: `https://host/api/v3`). */
  baseUrl?: string;
  /** Token sent as `Authorization: token …` (Octokit's form; GitHub also accepts `Bearer`). */
  token: string;
  owner: string;
  repo: string;
}

/** Options of {@link createGitHubTracker}. */
export interface GitHubTrackerOptions extends TrackerTransportOptions {
  connection: GitHubConnection;
  /** Label put on every exported issue; also narrows the idempotency look-up. Default `postmortem-follow-up`. */
  label?: string;
  /** More labels put on created issues (the incident type's choice); not used for the look-up. */
  extraLabels?: string[];
}

/** The hidden line that tags an issue body with its export marker. */
export const githubMarkerComment = (marker: string) => `<!-- pm-follow-up:${marker} -->`;

/** Turns an Octokit failure into a {@link TrackerError}: answered errors by status, the rest as transport errors. */
function classifyOctokitError(error: unknown): TrackerError {
  if (error instanceof TrackerError) return error;
  const request =
    error && typeof error === 'object' && 'request' in error
      ? (error.request as { method?: string; url?: string } | undefined)
      : undefined;
  const target = request?.method && request.url ? `${request.method} ${request.url}` : 'GitHub API';
  if (error && typeof error === 'object' && 'status' in error && 'response' in error && error.response) {
    const response = error.response as {
      status: number;
      headers: Record<string, string | number | undefined>;
    };
    const message = error instanceof Error ? error.message : `GitHub answered ${response.status}`;
    return TrackerError.fromAnswer({
      target,
      status: response.status,
      headers: response.headers,
      reason: `GitHub ${response.status}: ${message}`,
    });
  }
  return TrackerError.fromTransport(target, error);
}

/** Issue body as sent: the description, the due date (GitHub issues have none), then the marker. */
function issueBody(input: TrackerIssueInput): string {
  const due = input.dueDate ? `\n\nDue: ${input.dueDate}` : '';
  return `${input.description}${due}\n\n${githubMarkerComment(input.marker)}`;
}

/**
 * A {@link TrackerClient} for one GitHub repository's issues. Keys read `owner/repo#12`. Idempotency: the body ends
 * with a hidden marker comment; before creating, the recent issues with the export label are scanned for it (the
 * list is read-after-write consistent, unlike search), then search covers older ones.
 */
export function createGitHubTracker(options: GitHubTrackerOptions): TrackerClient {
  const { connection } = options;
  const { owner, repo } = connection;
  const label = options.label ?? 'postmortem-follow-up';
  const quiet = () => undefined;
  const octokit = new Octokit({
    auth: connection.token,
    baseUrl: connection.baseUrl ?? 'https://api.github.com',
    userAgent: 'postmortems-follow-ups',
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    request: { ...(options.fetch && { fetch: options.fetch }) },
  });
  const request = () => ({ signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
  const keyOf = (n: number) => `${owner}/${repo}#${n}`;

  /** One attempt of an Octokit call, failures classified. */
  async function once<T>(call: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await call()).data;
    } catch (error) {
      throw classifyOctokitError(error);
    }
  }
  const retry = <T>(unit: () => Promise<T>) => withRetry(unit, options.retry);

  /** One PATCH of the issue under the retry rules. */
  async function patchIssue(
    issue_number: number,
    patch: Omit<Parameters<typeof octokit.rest.issues.update>[0] & object, 'owner' | 'repo' | 'issue_number'>,
  ): Promise<void> {
    await retry(() =>
      once(() => octokit.rest.issues.update({ owner, repo, issue_number, ...patch, request: request() })),
    );
  }

  function numberOf(key: string): number {
    const m = /^([^/\s]+)\/([^#\s]+)#(\d+)$/.exec(key);
    if (!m || m[1]?.toLowerCase() !== owner.toLowerCase() || m[2]?.toLowerCase() !== repo.toLowerCase()) {
      throw new TrackerError('TRACKER_INVALID', {
        target: `${owner}/${repo}`,
        reason: `${key} is not an issue of ${owner}/${repo}`,
        attempts: 0,
      });
    }
    return Number(m[3]);
  }

  async function findByMarker(marker: string): Promise<{ number: number; html_url: string } | undefined> {
    const tag = githubMarkerComment(marker);
    const recent = await once(() =>
      octokit.rest.issues.listForRepo({
        owner,
        repo,
        labels: label,
        state: 'all',
        sort: 'created',
        direction: 'desc',
        per_page: 100,
        request: request(),
      }),
    );
    const hit = recent.find((i) => !i.pull_request && i.body?.includes(tag));
    if (hit) return hit;
    const q = `"pm-follow-up:${marker}" in:body repo:${owner}/${repo} is:issue`;
    const searched = await once(() => octokit.rest.search.issuesAndPullRequests({ q, request: request() }));
    return searched.items.find((i) => i.body?.includes(tag));
  }

  return {
    async createIssue(input: TrackerIssueInput): Promise<TrackerIssueRef & { created: boolean }> {
      assertMarker(input.marker);
      // Look up and create form one retry unit: after a lost answer, the next attempt finds the issue it made.
      return retry(async () => {
        const existing = await findByMarker(input.marker);
        if (existing) return { key: keyOf(existing.number), url: existing.html_url, created: false };
        const made = await once(() =>
          octokit.rest.issues.create({
            owner,
            repo,
            title: input.title,
            body: issueBody(input),
            labels: [label, ...(options.extraLabels ?? []).filter((l) => l !== label)],
            ...(input.assignee && { assignees: [input.assignee] }),
            request: request(),
          }),
        );
        return { key: keyOf(made.number), url: made.html_url, created: true };
      });
    },

    async updateIssue(key: string, update: TrackerIssueUpdate): Promise<void> {
      const issue_number = numberOf(key);
      if (update.title === undefined && update.assignee === undefined) return;
      await patchIssue(issue_number, {
        ...(update.title !== undefined && { title: update.title }),
        // A follow-up maps to one tracker assignee; replacing the list keeps the two in step.
        ...(update.assignee !== undefined && { assignees: update.assignee ? [update.assignee] : [] }),
      });
    },

    async setDone(key: string, done: boolean): Promise<void> {
      // PATCH with the target state is idempotent, so it needs no read first.
      await patchIssue(numberOf(key), {
        state: done ? 'closed' : 'open',
        ...(done && { state_reason: 'completed' as const }),
      });
    },

    async getIssue(key: string): Promise<TrackerIssueState> {
      const issue_number = numberOf(key);
      try {
        const res = await retry(() =>
          once(() => octokit.rest.issues.get({ owner, repo, issue_number, request: request() })),
        );
        return { deleted: false, key, url: res.html_url, title: res.title, done: res.state === 'closed' };
      } catch (error) {
        return deletedOrThrow(key, error);
      }
    },
  };
}
