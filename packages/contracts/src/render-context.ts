/**
 * The render context: the plain-JSON snapshot of an incident a template is rendered against (dates as ISO-8601
 * strings). `@pm/db` builds it from the database and `@pm/templating` renders it, in the API's preview and in the
 * worker's generation alike, so both sides compile against this one definition. It never travels as JSON between
 * processes today, so it is a plain type rather than a zod schema.
 */

/** A person as templates see them (any field may be missing). */
export interface PersonRef {
  name: string | null;
  email: string | null;
  handle: string | null;
}

/** One timeline entry of the incident snapshot. */
export interface TimelineItem {
  content: string;
  important: boolean;
  /** `note` (written by a responder) or `update` (recorded automatically). */
  kind: string;
  authorName: string | null;
  /** ISO-8601 timestamp. */
  occurredAt: string;
  /** Curation tags (absent in old fixtures = none). */
  tags?: string[];
}

/** One customer impact (start/end ISO-8601; end null while ongoing). */
export interface ImpactItem {
  description: string;
  startAt: string;
  endAt: string | null;
}

/** One responder of the response team. */
export interface ResponderItem extends Partial<PersonRef> {
  /** Human role name ("Incident Commander", "Responder" or a custom role's name). */
  role?: string | null;
}

/** One follow-up (Datadog "incident todo"). */
export interface FollowUpItem {
  /** The follow-up's id (absent in hand-written fixtures); the live block uses it to match the snapshot. */
  id?: string;
  content: string;
  assignee?: string | null;
  /** ISO-8601 date or timestamp. */
  dueDate?: string | null;
  done: boolean;
}

/** One contributing factor (of any live postmortem of the incident). */
export interface ContributingFactorItem {
  category: string;
  description: string;
}

/** Everything a template render needs about one incident. */
export interface IncidentContext {
  incident: {
    id: string;
    publicId: number;
    title: string;
    severity: string;
    status: string;
    visibility: string;
    summary: string | null;
    commander: PersonRef | null;
    createdBy?: PersonRef | null;
    createdAt: string;
    detectedAt: string | null;
    resolvedAt: string | null;
    timeline: TimelineItem[];
    impacts?: ImpactItem[];
    responders?: ResponderItem[];
    /** Custom property fields by snake_case name (unset fields absent); arrays render as comma-separated lists. */
    customFields?: Record<string, unknown>;
    followUps?: FollowUpItem[];
    /** Contributing factors recorded on the incident's live postmortems, oldest first. */
    contributingFactors?: ContributingFactorItem[];
  };
  /** IANA time zone for timestamps (default UTC). */
  timeZone?: string;
  /** ISO-8601 time of generation. */
  generatedAt: string;
}
