export { AI_SYSTEM_PROMPT, type AiDraftRequest, type AiDraftResult, type AiProvider } from './provider.js';
export {
  OpenAiCompatibleProvider,
  chatRequestBody,
  type OpenAiCompatibleOptions,
} from './openai-compatible.js';
export { SecretScrubber, scrubSecrets } from './scrub.js';
