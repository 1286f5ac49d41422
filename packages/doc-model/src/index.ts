export {
  DOC_SCHEMA_VERSION,
  YJS_FRAGMENT,
  LINK_PROTOCOLS,
  docExtensions,
  getDocSchema,
} from './extensions.js';
export { jsonToYState, jsonToYDoc, yStateToJson, yDocToJson } from './yjs.js';
export { jsonToText } from './text.js';
export { jsonToHtml, escapeHtml } from './html.js';
export { jsonToHtmlDocument, EXPORT_CSP, EXPORT_CSS, type HtmlDocumentOptions } from './html-document.js';
export { jsonToConfluenceStorage, escapeXml, cdata } from './confluence.js';
export { jsonToMarkdown, escapeMarkdown, escapeMarkdownText } from './markdown.js';
export { validateDoc, type ValidateDocResult } from './validate.js';
export { isSafeHref } from './url.js';
export type { JSONContent } from '@tiptap/core';
export {
  COMMENTS_MAP,
  threadsOf,
  encodeAnchor,
  decodeAnchor,
  createThread,
  addReply,
  editComment,
  deleteComment,
  setResolved,
  listThreads,
  countOpenThreads,
  commentAuthorsOfState,
  type CommentAuthor,
  type CommentView,
  type ThreadView,
} from './comments.js';
export {
  IncidentCard,
  INCIDENT_CARD,
  INCIDENT_CARD_FIELDS,
  incidentCardRows,
  type IncidentCardAttrs,
  type IncidentCardField,
} from './incident-card.js';
export {
  FollowUps,
  FOLLOW_UPS,
  followUpSnapshot,
  followUpMeta,
  withFollowUpsSnapshot,
  followUpsIncidentIds,
  type FollowUpSnapshotItem,
} from './follow-ups.js';
export { Callout, CALLOUT, CALLOUT_TONES, CALLOUT_LABEL, calloutTone, type CalloutTone } from './callout.js';
export {
  AiSuggestion,
  AI_SUGGESTION,
  AI_TEXT_LIMIT,
  aiSuggestionAttrs,
  aiSuggestionNode,
  plainTextParagraphs,
  withoutAiSuggestions,
  type AiSuggestionAttrs,
} from './ai-suggestion.js';
export {
  IncidentData,
  INCIDENT_DATA,
  INCIDENT_DATA_SOURCES,
  isIncidentDataSource,
  incidentDataHash,
  incidentDataNode,
  newBlockId,
  liveIncidentDataBlocks,
  planRefresh,
  applyRefresh,
  lineDiff,
  type IncidentDataSource,
  type LiveIncidentDataBlock,
  type RefreshStatus,
  type RefreshPlanItem,
  type RefreshReplacement,
} from './incident-data.js';
export {
  DEFAULT_BLAMING_PHRASES,
  compileBlamingPhrases,
  findBlamingPhrases,
  blamingAdvice,
  type PhraseMatch,
} from './blaming.js';
export {
  QUALITY_CHECK_IDS,
  DEFAULT_QUALITY_CONFIG,
  runQualityChecks,
  textblocksOf,
  templateSections,
  type QualityCheckId,
  type QualityLevel,
  type QualityConfig,
  type QualityLocation,
  type QualityItem,
  type QualityResult,
  type QualityInput,
  type Textblock,
} from './quality.js';
export {
  publicSections,
  redactForPublic,
  redactPublicText,
  isPublicHref,
  isInternalHost,
  REDACTED,
  INTERNAL_LINK,
  type PublicSectionInfo,
  type PublicPerson,
  type PublicCustomField,
  type PublicRedactionRules,
  type PublicRedactionSummary,
} from './public-redaction.js';
