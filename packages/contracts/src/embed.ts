import { z } from 'zod';

/** Version of the `mount(el, options)` contract of the Post-Incident tab. Bump on a breaking change. */
export const EMBED_CONTRACT_VERSION = 1;

/**
 * Options a host passes to the Post-Incident tab's `mount(el, options)`. The tab validates them with this schema
 * and renders a clear error in `el` when they are wrong.
 */
export const TabMountOptionsSchema = z.object({
  contractVersion: z.literal(EMBED_CONTRACT_VERSION).default(EMBED_CONTRACT_VERSION),
  /** Base URL of the REST API, e.g. `http://127.0.0.1:3000`. */
  apiBaseUrl: z.url(),
  /** The incident whose postmortems the tab shows. */
  incidentId: z.uuid(),
  /** Bearer token of the signed-in user (a session or personal API token). */
  authToken: z.string().min(1),
  /** Open this postmortem right away (deep link). */
  postmortemId: z.uuid().optional(),
  /** Open the "Generate new postmortem" dialog right away (e.g. the host's header "Generate postmortem" action). */
  openGenerate: z.boolean().optional(),
});
export type TabMountOptions = z.input<typeof TabMountOptionsSchema>;
export type ParsedTabMountOptions = z.output<typeof TabMountOptionsSchema>;

/** Events the tab emits to its host through the `onEvent` callback. */
export type TabEvent =
  | { type: 'postmortem.generating'; postmortemId: string }
  | { type: 'postmortem.ready'; postmortemId: string }
  | { type: 'postmortem.failed'; postmortemId: string; reason: string }
  | { type: 'postmortem.opened'; postmortemId: string }
  /** Status and/or owner changed from the tab. */
  | { type: 'postmortem.updated'; postmortemId: string; status: string; ownerId: string | null }
  /** An existing document was attached by URL. */
  | { type: 'postmortem.attached'; postmortemId: string }
  /** The link was removed from the incident (the document itself stays). */
  | { type: 'postmortem.removed'; postmortemId: string };

/** What `mount` returns. */
export interface TabHandle {
  update(options: Partial<TabMountOptions>): void;
  unmount(): void;
}
