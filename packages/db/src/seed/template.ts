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

| Action | Owner | Due |
| --- | --- | --- |
|  |  |  |
`;
