/** Local fake servers of the external destinations (Confluence, Google Drive + OAuth) with fault injection. */
export {
  FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  type FaultMatch,
  type LoggedRequest,
} from './fake-http.js';
export { FakeConfluence, type FakeConfluenceOptions } from './confluence.js';
export type { FakeConfluencePage, FakeConfluenceSpace } from './confluence-model.js';
export { FakeDrive, type FakeDriveOptions } from './drive.js';
export type { FakeDriveFile } from './drive-model.js';
export { createFakeServiceAccount, type FakeOAuthClient, type FakeServiceAccount } from './google-oauth.js';
