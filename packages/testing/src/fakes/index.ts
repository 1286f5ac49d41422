/** Local fakes of outside services (Confluence, Google Drive + OAuth, Jira, GitHub, an OpenAI-compatible API) with fault injection. */
export {
  FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  type FaultFilter,
  type FaultOptions,
  type RecordedRequest,
  type SentWebhook,
  type WebhookTarget,
} from './fake-http.js';
export { FakeConfluence, type FakeConfluenceOptions } from './confluence.js';
export type { FakeConfluencePage, FakeConfluenceSpace } from './confluence-model.js';
export { FakeDrive, type FakeDriveOptions } from './drive.js';
export type { FakeDriveFile } from './drive-model.js';
export { createFakeServiceAccount, type FakeOAuthClient, type FakeServiceAccount } from './google-oauth.js';
export {
  startFakeJira,
  FakeJira,
  JIRA_STATUSES,
  type FakeJiraOptions,
  type FakeJiraIssue,
  type FakeJiraStatus,
} from './jira.js';
export { startFakeGitHub, FakeGitHub, type FakeGitHubOptions, type FakeGitHubIssue } from './github.js';
export { FakeOpenAi, startFakeOpenAi, type FakeOpenAiRequest, type FakeOpenAiScript } from './openai.js';
