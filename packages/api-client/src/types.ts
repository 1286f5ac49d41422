import type { Template, User } from '@pm/contracts';

/** A Tiptap/ProseMirror JSON node (kept structural so this package does not depend on Tiptap). */
export interface JSONContent {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: JSONContent[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
  [key: string]: unknown;
}

/** Body of `POST /templates/preview`: a saved template (`templateId`) or unsaved source (`content`). */
export interface PreviewTemplateInput {
  templateId?: string;
  content?: string;
  incidentId: string;
}

/** Answer of `POST /templates/preview`; `html` is already escaped by the server. */
export interface TemplatePreview {
  doc: JSONContent;
  html: string;
  warnings: string[];
}

/** `{ items }` list answers. */
export interface ItemList<T> {
  items: T[];
}

export type UserList = ItemList<User>;
export type TemplateList = ItemList<Template>;
