import { getSchema, type Extensions } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { AiSuggestion } from './ai-suggestion.js';
import { Callout } from './callout.js';
import { FollowUps } from './follow-ups.js';
import { IncidentCard } from './incident-card.js';
import { IncidentData } from './incident-data.js';
import { isSafeHref } from './url.js';

/**
 * Version of the document schema. Bump on any breaking change to node/mark names or attributes;
 * collab refuses clients announcing an older version.
 */
export const DOC_SCHEMA_VERSION = 6; // 6: aiSuggestion blocks; 5: incidentData blocks (older documents load unchanged)

/**
 * Name of the Y.XmlFragment holding the document inside a Y.Doc. `'default'` is the default of both
 * Hocuspocus' `TiptapTransformer.toYdoc(doc, fieldName = 'default')` and Tiptap's Collaboration
 * extension (`field: 'default'`), checked in @hocuspocus/transformer 4.7.0 and
 * @tiptap/extension-collaboration 3.31.3.
 */
export const YJS_FRAGMENT = 'default';

/** Link protocols we allow beyond Tiptap's defaults (http/https are always allowed by Link). */
export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

/**
 * The headless extension list that defines the ONE document schema (editor, collab, worker, exporters).
 * StarterKit 3 already contains Link, so Link is configured through StarterKit (a second Link would
 * duplicate the `link` mark name). Undo/redo is off because the editor uses Collaboration's Yjs history.
 * The editor app adds Collaboration + CollaborationCaret on top of this list.
 */
export function docExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: {
        openOnClick: false,
        autolink: false,
        linkOnPaste: false,
        protocols: [...LINK_PROTOCOLS],
        defaultProtocol: 'https',
        // Tiptap's own check allows any "safe looking" scheme; we only allow http(s)/mailto and relative.
        isAllowedUri: (url) => isSafeHref(url),
      },
    }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    TaskList,
    TaskItem.configure({ nested: true }),
    IncidentCard,
    FollowUps,
    Callout,
    IncidentData,
    AiSuggestion,
  ];
}

let cached: Schema | undefined;

/** The ProseMirror schema built from {@link docExtensions}, built once and cached. */
export function getDocSchema(): Schema {
  cached ??= getSchema(docExtensions());
  return cached;
}
