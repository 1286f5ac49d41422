import type { Destination } from '@pm/contracts';

/** One entry of the template variable catalog (served by the API, shown in the template editor). */
export interface VariableInfo {
  /** Full variable path as written in templates, e.g. `incident.title`. */
  name: string;
  description: string;
  example: string;
  destinations: readonly Destination[];
  /** False when this system has no data for it yet: it renders "—" and the preview warns. */
  supported: boolean;
  /** Lists/tables render as Markdown blocks and can also be looped over with `{% for %}`. */
  kind: 'text' | 'block';
  note?: string;
}

const ALL: readonly Destination[] = ['notebook', 'confluence', 'google_docs'];
const NB: readonly Destination[] = ['notebook'];

const v = (
  name: string,
  description: string,
  example: string,
  extra: Partial<VariableInfo> = {},
): VariableInfo => ({
  name: `incident.${name}`,
  description,
  example,
  destinations: ALL,
  supported: true,
  kind: 'text',
  ...extra,
});

const NO_INTEGRATION = 'No chat/meeting integration in this system yet: renders "—".';
const AI =
  'Not a variable here: write an AI section, `{% ai "instruction" %}` (see "AI sections"); renders "—" and the preview warns.';

/** The variable catalog: every `incident.*` variable a template may use (docs/TEMPLATE_VARIABLES.md is generated from it). Custom property fields are valid too: `incident.<field_name>`. */
export const VARIABLES: readonly VariableInfo[] = [
  v('id', 'Incident public ID.', '123'),
  v('title', 'Title.', 'DB outage'),
  v('severity', 'Severity.', 'SEV-2'),
  v('status', 'Status (active, stable, resolved, completed).', 'resolved'),
  v('state', 'Alias of status.', 'resolved'),
  v('visibility', 'Visibility (organization or private).', 'organization'),
  v('summary', 'Incident summary (customer-facing description).', 'Checkout failed for 12% of users.'),
  v('created', 'Creation timestamp (in the chosen time zone, default UTC).', '2024-05-01 10:00 UTC'),
  v('detected', 'Detection timestamp.', '2024-05-01 09:55 UTC'),
  v('resolved', 'Resolution timestamp.', '2024-05-01 12:15 UTC'),
  v('duration', 'Time from detection (or creation) to resolution.', '2h 15m', {
    note: 'Not a Datadog variable; added for convenience.',
  }),
  v('customer_impacted', '`True` when any customer impact was recorded, else `False`.', 'True'),
  v('customer_impact', 'Each impact with its duration.', '- checkout slow (2h)', { kind: 'block' }),
  v('scope_of_impact', 'List of impact descriptions.', '- checkout slow\n- login errors', { kind: 'block' }),
  v('customer_impact_start', 'Earliest impact start.', '2024-05-01 10:00 UTC'),
  v('customer_impact_end', 'Latest impact end.', '2024-05-01 12:00 UTC'),
  v('customer_impact_duration', 'From earliest impact start to latest impact end.', '2h'),
  v('commander', 'Incident commander: name, else email, else handle.', 'Ada Lovelace'),
  v('commander_name', 'Commander name.', 'Ada Lovelace'),
  v('commander_email', 'Commander email.', 'ada@example.com'),
  v('commander_handle', 'Commander handle.', '@ada'),
  v('created_by_name', "Creator's name.", 'Grace Hopper'),
  v('created_by_email', "Creator's email.", 'grace@example.com'),
  v('created_by_handle', "Creator's handle.", '@grace'),
  v('responders_summary', 'Responders, truncated after 5 ("and N more").', 'Ada, Grace and 3 more'),
  v('responders_full_list', 'All responders with their roles.', 'Ada (Commander), Grace'),
  v(
    'timeline',
    'All timeline entries, grouped by day: "HH:MM UTC — content (author)", important ones marked ★. Loop with `{% for e in incident.timeline %}` (fields: time, date, content, author, important, kind, tags). Only tagged entries: `{{ incident.timeline | tagged: "repair" }}`, or `{% assign repairs = incident.timeline | tagged: "repair" %}{% for e in repairs %}` (several tags = any of them).',
    '- 10:02 UTC — ★ Rolled back (Ada)',
    { kind: 'block' },
  ),
  v(
    'key_moments',
    'Timeline entries tagged `key_moment`, in the same format as the timeline. Loop with `{% for e in incident.key_moments %}` (same fields as the timeline).',
    '- 10:02 UTC — Rolled back (Ada)',
    { kind: 'block' },
  ),
  v(
    'follow-ups',
    'Follow-ups as a task list. Loop with `{% for f in incident.follow-ups %}` (fields: content, assignee, due_date, done).',
    '- [ ] Add alert (Ada, due 2024-05-10)',
    {
      kind: 'block',
      destinations: NB,
      note: 'Datadog renders a live list in notebooks only; this system renders a static task list everywhere (the preview warns outside notebooks).',
    },
  ),
  v(
    'contributing_factors',
    "Contributing factors recorded on the incident's postmortems (category and description), oldest first. Loop with `{% for f in incident.contributing_factors %}` (fields: category, description). A new postmortem has none of its own yet: this lists the ones recorded on the incident's other postmortems.",
    '- **Monitoring gap:** No alert on pool saturation',
    { kind: 'block' },
  ),
  v('card', 'Incident summary card (static table of the main fields).', '| Severity | SEV-2 |', {
    kind: 'block',
    destinations: NB,
    note: 'Datadog renders a live card in notebooks only; this system renders a static table.',
  }),
  ...[
    'slack_channel_name',
    'slack_channel_url',
    'slack_channel_link',
    'slack_channel_id',
    'ms_teams_channel_name',
    'ms_teams_channel_url',
    'ms_teams_channel_link',
    'ms_teams_channel_id',
    'ms_teams_meeting_link',
    'ms_teams_meeting_id',
    'zoom_id',
    'zoom_join_url',
    'zoom_password',
    'zoom_link',
  ].map((n) =>
    v(n, `${n.replace(/_/g, ' ')} (integration).`, '—', { supported: false, note: NO_INTEGRATION }),
  ),
  ...[
    'ai_summary',
    'ai_system_overview',
    'ai_key_timeline',
    'ai_customer_impact',
    'ai_lessons_learned',
    'ai_action_items',
  ].map((n) => v(n, `AI-drafted ${n.slice(3).replace(/_/g, ' ')}.`, '—', { supported: false, note: AI })),
];

/** Names after `incident.` of every catalog variable. */
export const VARIABLE_KEYS: ReadonlySet<string> = new Set(
  VARIABLES.map((x) => x.name.slice('incident.'.length)),
);

/** Catalog variables that are lists (may be indexed or looped over: `incident.timeline.first.content`). */
export const BLOCK_KEYS: ReadonlySet<string> = new Set(
  VARIABLES.filter((x) => x.kind === 'block').map((x) => x.name.slice('incident.'.length)),
);

/** Where each catalog variable works (key after `incident.`). */
export const VARIABLE_DESTINATIONS: ReadonlyMap<string, readonly Destination[]> = new Map(
  VARIABLES.map((x) => [x.name.slice('incident.'.length), x.destinations]),
);

/** Catalog variables this system cannot fill (integrations, AI). */
export const UNSUPPORTED_KEYS: ReadonlySet<string> = new Set(
  VARIABLES.filter((x) => !x.supported).map((x) => x.name.slice('incident.'.length)),
);
