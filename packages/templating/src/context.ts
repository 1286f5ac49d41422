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
  kind: 'note' | 'update' | string;
  authorName: string | null;
  /** ISO-8601 timestamp. */
  occurredAt: string;
}

/** One customer impact (start/end ISO-8601; end null while ongoing). */
export interface ImpactItem {
  description: string;
  startAt: string;
  endAt: string | null;
}

/** One responder of the response team. */
export interface ResponderItem extends Partial<PersonRef> {
  role?: string | null;
}

/** One follow-up (Datadog "incident todo"). */
export interface FollowUpItem {
  content: string;
  assignee?: string | null;
  /** ISO-8601 date or timestamp. */
  dueDate?: string | null;
  done: boolean;
}

/**
 * Everything a template render needs: a plain-JSON snapshot of the incident (dates as ISO strings),
 * so the same render runs in the worker and in the browser preview.
 */
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
    /** Custom property fields by snake_case name; arrays render as comma-separated lists. */
    customFields?: Record<string, unknown>;
    followUps?: FollowUpItem[];
  };
  /** IANA time zone for timestamps (default UTC). */
  timeZone?: string;
  /** ISO-8601 time of generation. */
  generatedAt: string;
}
