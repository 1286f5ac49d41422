import { describe, expect, it } from 'vitest';
import { renderTemplate, VARIABLES, type IncidentContext } from '../src/index.js';
import { makeCtx, textNodes } from './fixtures.js';

/** Variable rendering: each variable renders the incident value a user expects (numbers in test names are acceptance-statement ids). */
const text = (src: string, ctx: IncidentContext = makeCtx(), opts = {}) =>
  textNodes(renderTemplate(src, ctx, opts).doc)
    .map((n) => n.text)
    .join('|');
const one = (v: string, ctx?: IncidentContext) => text(`{{incident.${v}}}`, ctx);

describe('variable rendering', () => {
  it('6.3#36 #37 #38 id, title and severity render as-is', () => {
    expect(one('id')).toBe('123');
    expect(one('title')).toBe('DB outage');
    expect(one('severity')).toBe('SEV-2');
  });

  it('6.3#39 status and state both output the status', () => {
    const ctx = makeCtx({ status: 'stable' });
    expect(one('status', ctx)).toBe('stable');
    expect(one('state', ctx)).toBe('stable');
  });

  it('6.3#40 created/detected/resolved output their timestamps, UTC unless a time zone is chosen', () => {
    expect(one('created')).toBe('2024-05-01 10:00 UTC');
    expect(one('detected')).toBe('2024-05-01 09:55 UTC');
    expect(one('resolved')).toBe('2024-05-01 12:10 UTC');
    expect(one('created', makeCtx({}, 'America/New_York'))).toBe('2024-05-01 06:00 America/New_York');
  });

  it('6.3#41 customer_impacted is False without impacts', () => {
    expect(one('customer_impacted', makeCtx({ impacts: [] }))).toBe('False');
  });

  it('6.3#42 customer_impacted is True with one or more impacts', () => {
    expect(one('customer_impacted')).toBe('True');
  });

  it('6.3#43 #44 #45 impact start is the earliest start, end the latest end, duration between them', () => {
    const ctx = makeCtx({
      impacts: [
        { description: 'a', startAt: '2024-05-01T10:30:00Z', endAt: '2024-05-01T11:00:00Z' },
        { description: 'b', startAt: '2024-05-01T10:00:00Z', endAt: '2024-05-01T12:00:00Z' },
      ],
    });
    expect(one('customer_impact_start', ctx)).toBe('2024-05-01 10:00 UTC');
    expect(one('customer_impact_end', ctx)).toBe('2024-05-01 12:00 UTC');
    expect(one('customer_impact_duration', ctx)).toBe('2h');
  });

  it('6.3#46 scope_of_impact lists every impact description', () => {
    const doc = renderTemplate('{{incident.scope_of_impact}}', makeCtx()).doc;
    expect(doc.content?.some((n) => n.type === 'bulletList')).toBe(true);
    expect(textNodes(doc).map((n) => n.text)).toEqual(['checkout slow', 'login errors']);
  });

  it('6.3#47 customer_impact lists each description with its duration', () => {
    expect(one('customer_impact')).toBe('checkout slow (1h)|login errors (1h 30m)');
  });

  it('6.3#48 #49 #50 commander falls back name → email → handle', () => {
    expect(one('commander')).toBe('Ada Lovelace');
    expect(one('commander', makeCtx({ commander: { name: null, email: 'a@x.io', handle: '@a' } }))).toBe(
      'a@x.io',
    );
    expect(one('commander', makeCtx({ commander: { name: null, email: null, handle: '@a' } }))).toBe('@a');
  });

  it('6.3#51 commander_name/_handle/_email output the matching attribute', () => {
    expect(
      text('{{incident.commander_name}};{{incident.commander_handle}};{{incident.commander_email}}'),
    ).toBe('Ada Lovelace;@ada;ada@example.com');
  });

  it("6.3#52 created_by_name/_handle/_email output the creator's attributes", () => {
    const ctx = makeCtx({ createdBy: { name: 'Grace Hopper', email: 'g@x.io', handle: '@grace' } });
    expect(
      text('{{incident.created_by_name}};{{incident.created_by_handle}};{{incident.created_by_email}}', ctx),
    ).toBe('Grace Hopper;@grace;g@x.io');
  });

  it('6.3#53 with 30 responders the summary is truncated and the full list has all 30', () => {
    const responders = Array.from({ length: 30 }, (_, i) => ({ name: `R${i + 1}` }));
    const ctx = makeCtx({ responders });
    expect(one('responders_summary', ctx)).toBe('R1, R2, R3, R4, R5 and 25 more');
    expect(one('responders_full_list', ctx).split(', ')).toHaveLength(30);
  });

  it('6.3#54 #55 #56 #59 chat/meeting variables without a connected integration render empty ("—") without failing', () => {
    for (const v of ['slack_channel_link', 'ms_teams_meeting_link', 'zoom_link', 'zoom_password'])
      expect(one(v)).toBe('—');
    const r = renderTemplate('{{incident.slack_channel_url}}', makeCtx());
    expect(r.warnings.join()).toMatch(/slack_channel_url has no data/);
  });

  it('6.3#57 a custom field renders by its field name', () => {
    expect(one('root_cause_category')).toBe('config');
  });

  it('6.3#58 a multi-value custom field outputs every value joined', () => {
    expect(one('services')).toBe('api, db');
  });

  it('6.3#58 a declared custom field without a value renders "—", not the literal variable', () => {
    const r = renderTemplate('{{incident.team}}', makeCtx(), { customFieldNames: ['team'] });
    expect(textNodes(r.doc).map((n) => n.text)).toEqual(['—']);
    expect(r.warnings).toEqual([]);
  });

  it('6.3#60 the timeline lists all N events chronologically with time, author and content', () => {
    const t = text('{{incident.timeline}}');
    expect(t.indexOf('Alert fired')).toBeLessThan(t.indexOf('Rolled back deploy'));
    expect(t.indexOf('Rolled back deploy')).toBeLessThan(t.indexOf('Post-checks OK'));
    expect(t).toContain('10:30 UTC');
    expect(t).toContain('(Ada Lovelace)');
  });

  it('6.3#61 with "important only" the timeline shows only flagged events', () => {
    const t = text('{{incident.timeline}}', makeCtx(), { importantOnly: true });
    expect(t).toContain('Rolled back deploy');
    expect(t).not.toContain('Alert fired');
    expect(t).not.toContain('Post-checks OK');
  });

  it('6.3#62 #63 the card renders incident fields (a static table for now: it does not live-update)', () => {
    const doc = renderTemplate('{{incident.card}}', makeCtx()).doc;
    expect(doc.content?.[0]?.type).toBe('table');
    const t = textNodes(doc).map((n) => n.text);
    expect(t).toEqual(expect.arrayContaining(['Severity', 'SEV-2', 'Commander', 'Ada Lovelace']));
  });

  it('6.3#64 Confluence/Google destinations warn about card and follow-ups', () => {
    for (const destination of ['confluence', 'google_docs'] as const) {
      const r = renderTemplate('{{incident.card}} {{incident.follow-ups}}', makeCtx(), { destination });
      expect(r.warnings.filter((w) => w.includes(`not supported in ${destination}`))).toHaveLength(2);
    }
    expect(renderTemplate('{{incident.card}}', makeCtx(), { destination: 'notebook' }).warnings).toEqual([]);
  });

  it('6.3#65 follow-ups render as a task list (a static block for now)', () => {
    const doc = renderTemplate('{{incident.follow-ups}}', makeCtx()).doc;
    expect(doc.content?.[0]?.type).toBe('taskList');
    expect(text('{{incident.follow-ups}}')).toContain('Add alert');
  });

  it('6.3#66 #67 #68 #69 are notification/Jira/channel-name features: the catalog has only postmortem variables', () => {
    // Not part of this system (no notification, Jira or channel-name templates); the catalog must not claim them.
    const names = VARIABLES.map((v) => v.name);
    expect(names.every((n) => n.startsWith('incident.'))).toBe(true);
    expect(names).not.toContain('incident.severity_number');
  });
});
