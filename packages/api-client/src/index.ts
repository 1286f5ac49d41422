export { createApiClient, type ApiClient, type ApiClientOptions, type RequestOptions } from './client.js';
export { ApiError, type ClientErrorCode } from './errors.js';
export { readSseData } from './watch.js';
export type {
  JSONContent,
  PreviewTemplateInput,
  TemplatePreview,
  ItemList,
  UserList,
  TemplateList,
} from './types.js';
export {
  templatesApi,
  type TemplatesApi,
  type TemplatePreviewRequest,
  type TemplatePreviewResult,
} from './templates.js';
export { versionsApi, type VersionsApi } from './versions.js';
