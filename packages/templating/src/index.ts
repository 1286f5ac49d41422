export type {
  IncidentContext,
  PersonRef,
  TimelineItem,
  ImpactItem,
  ResponderItem,
  FollowUpItem,
} from './context.js';
export { VARIABLES, type VariableInfo } from './catalog.js';
export { validateTemplate, type ValidateTemplateResult, type ValidateOptions } from './validate.js';
export { renderTemplate, type RenderOptions, type RenderResult } from './render.js';
export { markdownToDoc } from './markdown-to-doc.js';
export { TemplateError, type TemplateIssue } from './errors.js';
export { formatDuration, formatTimestamp, EM_DASH } from './format.js';
export { LIMITS } from './engine.js';
export { AI_PENDING_TEXT, AI_INSTRUCTION_MAX } from './ai-section.js';
export { renderText } from './render-text.js';
export {
  toMarkdownFile,
  parseMarkdownFile,
  type TemplateFileData,
  type TemplateFileMeta,
} from './template-file.js';
export { variablesMarkdown } from './docs.js';
