/** Name of the default template the seed creates. */
export const DEFAULT_TEMPLATE_NAME = 'Postmortem (classic)';

/** Markdown + Liquid content of the default template ({{incident.*}} variables, rendered by @pm/templating). */
export const DEFAULT_TEMPLATE_CONTENT = `# Postmortem: {{incident.title}}

| Field | Value |
| --- | --- |
| Incident | #{{incident.id}} |
| Severity | {{incident.severity}} |
| Status | {{incident.status}} |
| Incident commander | {{incident.commander}} |
| Detected | {{incident.detected}} |
| Resolved | {{incident.resolved}} |

## Summary

_What happened, in two or three sentences a customer-facing colleague could repeat._

## Impact

Customers impacted: {{incident.customer_impacted}} · from {{incident.customer_impact_start}} to {{incident.customer_impact_end}} ({{incident.customer_impact_duration}})

{{incident.customer_impact}}

_Who was affected, how, and for how long. Include error rates, latency and the number of customers or requests._

## Timeline

{{incident.timeline}}

## Root cause

_The chain of causes that made this incident possible, not only the trigger. Ask "why" until the answer is a system property._

## What went well

- 

## What could have gone better

- 

## Follow-ups

{{incident.follow-ups}}
`;

/** Out-of-the-box template: contributing factors, mitigators and risks (no single root cause). */
export const FACTORS_TEMPLATE_NAME = 'Contributing factors, mitigators and risks';
export const FACTORS_TEMPLATE_CONTENT = `# {{incident.title}} — incident review

**{{incident.severity}}** · {{incident.status}} · commander {{incident.commander}} · detected {{incident.detected}} · resolved {{incident.resolved}} ({{incident.duration}})

## Impact

{% if incident.customer_impacted == "True" %}Customers were impacted for {{incident.customer_impact_duration}}:

{{incident.customer_impact}}
{% else %}No customer impact was recorded.
{% endif %}

## Contributing factors

_Conditions that made the incident possible or worse. List several; avoid a single "root cause"._

- 

## Mitigators

_What limited the impact or sped up recovery (alerts, runbooks, people, luck)._

- 

## Risks

_Weaknesses this incident revealed that could cause the next one._

- 

## Timeline

{{incident.timeline}}

## Follow-ups

{{incident.follow-ups}}
`;

/** Out-of-the-box template: a short lessons-learned note for small incidents. */
export const LESSONS_TEMPLATE_NAME = 'Lessons learned (lightweight)';
export const LESSONS_TEMPLATE_CONTENT = `# Lessons learned: {{incident.title}}

{{incident.severity}} · {{incident.commander}} · {{incident.duration}}

## What happened

{{incident.summary}}

Impact: {{incident.scope_of_impact}}

## Key moments

{% for e in incident.timeline %}{% if e.important %}- {{e.time}} — {{e.content}}
{% endif %}{% endfor %}

## What we learned

1. 

## Follow-ups

{{incident.follow-ups}}
`;

/** Every out-of-the-box template the seed creates (the first becomes default when no default exists). */
export const SEED_TEMPLATES: ReadonlyArray<{ name: string; content: string }> = [
  { name: DEFAULT_TEMPLATE_NAME, content: DEFAULT_TEMPLATE_CONTENT },
  { name: FACTORS_TEMPLATE_NAME, content: FACTORS_TEMPLATE_CONTENT },
  { name: LESSONS_TEMPLATE_NAME, content: LESSONS_TEMPLATE_CONTENT },
];
