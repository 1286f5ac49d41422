import { describe, expect, it } from 'vitest';
import { validateDoc } from '@pm/doc-model';
import { renderTemplate, TemplateError, validateTemplate } from '../src/index.js';
import { makeCtx, textNodes } from './fixtures.js';

const texts = (doc: Parameters<typeof textNodes>[0]) =>
  textNodes(doc)
    .map((t) => t.text)
    .join('|');

describe('renderTemplate', () => {
  it('renders {{incident.title}} and other scalars (spec 6.3 #36–38)', () => {
    const r = renderTemplate(
      '# {{incident.title}}\n\nID {{incident.id}}, {{incident.severity}}, {{ incident.status }}/{{incident.state}}',
      makeCtx(),
    );
    expect(r.doc.content![0]).toEqual({
      type: 'heading',
      attrs: { level: 1 },
      content: [{ type: 'text', text: 'DB outage' }],
    });
    expect(texts(r.doc)).toContain('ID 123, SEV-2, resolved/resolved');
    expect(validateDoc(r.doc)).toEqual({ ok: true });
    expect(r.warnings).toEqual([]);
  });

  it('lists the timeline chronologically, grouped by day, important entries marked, with author', () => {
    const r = renderTemplate('## Timeline\n{{incident.timeline}}', makeCtx());
    const lists = r.doc.content!.filter((n) => n.type === 'bulletList');
    expect(lists).toHaveLength(2); // two days
    expect(texts(r.doc)).toMatch(
      /2024-05-01\|09:55 UTC — \|Incident update:\| Alert fired\|10:30 UTC — ★ Rolled back deploy \(Ada Lovelace\)\|2024-05-02\|08:00 UTC — Post-checks OK \(Grace\)/,
    );
  });

  it('formats timeline and timestamps in ctx.timeZone', () => {
    const r = renderTemplate('{{incident.created}}\n\n{{incident.timeline}}', makeCtx({}, 'Europe/Paris'));
    expect(texts(r.doc)).toContain('2024-05-01 12:00 Europe/Paris');
    expect(texts(r.doc)).toContain('11:55 Europe/Paris — ');
  });

  it('caps the timeline at maxTimelineEntries and says how many were left out', () => {
    const r = renderTemplate('{{incident.timeline}}', makeCtx(), { maxTimelineEntries: 2 });
    expect(texts(r.doc)).not.toContain('Post-checks OK');
    expect(texts(r.doc)).toContain('1 more timeline entries not shown (limit 2).');
  });

  it('loops over the timeline with {% for %}', () => {
    const r = renderTemplate(
      '{% for e in incident.timeline %}{% if e.important %}- {{ e.time }} {{ e.content }} by {{ e.author }}\n{% endif %}{% endfor %}',
      makeCtx(),
    );
    expect(r.doc.content).toHaveLength(1);
    expect(texts(r.doc)).toBe('10:30 UTC Rolled back deploy by Ada Lovelace');
  });

  it('keeps hostile incident text verbatim: no marks, no links, no HTML', () => {
    const title = '<script>alert(1)</script> **bold** [x](javascript:alert(1))';
    const r = renderTemplate(
      '# {{incident.title}}\n\n{{incident.title}}\n\n{{incident.timeline}}',
      makeCtx({
        title,
        timeline: [
          {
            content: '# not a heading\n    not code\n- [x] not a task\n| a | b |',
            important: false,
            kind: 'note',
            authorName: '*Mallory*',
            occurredAt: '2024-05-01T10:00:00Z',
          },
        ],
      }),
    );
    const nodes = textNodes(r.doc);
    expect(nodes.filter((t) => t.text.includes(title))).toHaveLength(2);
    expect(nodes.filter((t) => /script|Mallory|not a/.test(t.text)).every((t) => !t.marks)).toBe(true);
    expect(nodes.some((t) => t.marks?.some((m) => m.type === 'link'))).toBe(false);
    expect(JSON.stringify(r.doc)).not.toMatch(/"type":"(codeBlock|taskList|table)"/);
    expect(texts(r.doc)).toContain('# not a heading');
    expect(texts(r.doc)).toContain('(*Mallory*)');
  });

  it('cannot bypass escaping with the raw filter', () => {
    const r = renderTemplate('{{ incident.title | raw }}', makeCtx({ title: '**x**' }));
    expect(textNodes(r.doc)).toEqual([{ text: '**x**' }]);
  });

  it('template links work only for http(s)/mailto', () => {
    const r = renderTemplate(
      '[ok](https://example.com) [bad](javascript:alert(1)) [mail](mailto:a@b.c)',
      makeCtx(),
    );
    const links = textNodes(r.doc).filter((t) => t.marks?.some((m) => m.type === 'link'));
    expect(links.map((l) => l.text)).toEqual(['ok', 'mail']);
    expect(JSON.stringify(r.doc)).not.toContain('"href":"javascript');
  });

  it('prototype paths render as inert text and leave Object.prototype untouched', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = renderTemplate(
      '{{ incident.__proto__ }} {{ incident.constructor.name }} {% assign x = incident.__proto__ %}{{ x }}',
      makeCtx(),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const out = texts(r.doc);
    expect(out).not.toMatch(/function|Object|\[object/);
    expect(r.warnings.some((w) => w.includes('incident.__proto__'))).toBe(true);
  });

  it('renders missing optional values as an em dash, never undefined/null', () => {
    const r = renderTemplate(
      '{{incident.commander}}|{{incident.resolved}}|{{incident.summary}}|{{incident.created_by_name}}|{{incident.customer_impact_start}}|{{incident.slack_channel_name}}',
      makeCtx({ commander: null, resolvedAt: null, summary: null, impacts: [] }),
    );
    expect(texts(r.doc)).toBe('—|—|—|—|—|—');
  });

  it('follows the commander fallback name → email → handle (spec #48–50)', () => {
    const c = (commander: { name: string | null; email: string | null; handle: string | null }) =>
      texts(renderTemplate('{{incident.commander}}', makeCtx({ commander })).doc);
    expect(c({ name: 'Ada', email: 'a@x.io', handle: '@ada' })).toBe('Ada');
    expect(c({ name: null, email: 'a@x.io', handle: '@ada' })).toBe('a@x.io');
    expect(c({ name: null, email: null, handle: '@ada' })).toBe('@ada');
  });

  it('renders impacts, durations, custom fields and the hyphenated follow-ups variable', () => {
    const r = renderTemplate(
      '{{incident.customer_impacted}} {{incident.customer_impact_start}} {{incident.customer_impact_end}} {{incident.customer_impact_duration}} {{incident.duration}} {{incident.root_cause_category}} {{incident.services}}\n\n{{incident.scope_of_impact}}\n\n{{incident.follow-ups}}',
      makeCtx(),
    );
    expect(texts(r.doc)).toContain('True 2024-05-01 10:00 UTC 2024-05-01 12:00 UTC 2h 2h 15m config api, db');
    expect(
      r.doc.content!.some(
        (n) =>
          n.type === 'bulletList' &&
          JSON.stringify(n).includes('login errors') &&
          !JSON.stringify(n).includes('Add alert'),
      ),
    ).toBe(true);
    const tasks = r.doc.content!.find((n) => n.type === 'taskList');
    expect(tasks?.content?.map((i) => i.attrs?.['checked'])).toEqual([false, true]);
  });

  it('leaves unknown variables as literal text with a warning', () => {
    const r = renderTemplate('{{incident.severty}}', makeCtx());
    expect(texts(r.doc)).toBe('{{incident.severty}}');
    expect(r.warnings[0]).toMatch(
      /line 1:3: unknown variable incident\.severty — did you mean incident\.severity\?/,
    );
  });

  it('refuses property access on text values (validate reports it too)', () => {
    expect(() => renderTemplate('{{ incident.title.constructor }}', makeCtx())).toThrow(
      /incident\.title\.constructor/,
    );
  });

  it('throws TemplateError with line:col on syntax errors', () => {
    expect(() => renderTemplate('ok\n{% if %}', makeCtx())).toThrow(TemplateError);
    try {
      renderTemplate('ok\n{% if %}', makeCtx());
    } catch (e) {
      expect((e as TemplateError).code).toBe('TEMPLATE_SYNTAX');
      expect((e as TemplateError).line).toBe(2);
    }
  });

  it('has no file-system tags', () => {
    expect(() => renderTemplate("{% include '/etc/passwd' %}", makeCtx())).toThrow(TemplateError);
    expect(() => renderTemplate("{% render 'x' %}", makeCtx())).toThrow(TemplateError);
  });

  it('stops runaway loops at the memory/time limits', { timeout: 15_000 }, () => {
    expect(() =>
      renderTemplate(
        '{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}',
        makeCtx(),
      ),
    ).toThrow(TemplateError);
  });

  // Render scaling is measured by bench/templating.bench.mjs (speed is measured, not asserted in tests).
});

describe('tagged timeline entries', () => {
  const tagged = () =>
    makeCtx({
      timeline: [
        {
          content: 'Alert fired',
          important: false,
          kind: 'update',
          authorName: null,
          occurredAt: '2024-05-01T09:55:00.000Z',
          tags: ['detection'],
        },
        {
          content: 'Rolled back deploy',
          important: true,
          kind: 'note',
          authorName: 'Ada Lovelace',
          occurredAt: '2024-05-01T10:30:00.000Z',
          tags: ['repair', 'key_moment'],
        },
        {
          content: 'Coffee break',
          important: false,
          kind: 'note',
          authorName: 'Grace',
          occurredAt: '2024-05-01T10:40:00.000Z',
        },
      ],
    });

  it('prints only the tagged entries as a timeline block with {{ incident.timeline | tagged: "repair" }}', () => {
    const r = renderTemplate('## Repair\n{{ incident.timeline | tagged: "repair" }}', tagged());
    expect(r.markdown).toContain('Rolled back deploy');
    expect(r.markdown).not.toContain('Alert fired');
    expect(r.markdown).not.toContain('Coffee break');
    expect(r.doc.content!.some((n) => n.type === 'bulletList')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('loops over tagged entries through assign (several tags = any of them) and exposes e.tags', () => {
    const r = renderTemplate(
      '{% assign picked = incident.timeline | tagged: "detection", "repair" %}{% for e in picked %}- {{ e.content }} [{{ e.tags }}]\n{% endfor %}',
      tagged(),
    );
    expect(r.markdown).toContain('Alert fired [detection]');
    expect(r.markdown).toContain('Rolled back deploy [repair, key\\_moment]');
    expect(r.markdown).not.toContain('Coffee break');
  });

  it('has incident.key_moments and tags in conditions; entries without tags are untagged', () => {
    const r = renderTemplate(
      '{{incident.key_moments}}\n\n{% for e in incident.timeline %}{% if e.tags contains "detection" %}D:{{ e.content }}{% endif %}{% endfor %}',
      tagged(),
    );
    expect(r.markdown).toContain('Rolled back deploy');
    expect(r.markdown).toContain('D:Alert fired');
    expect(r.markdown).not.toContain('Coffee break');
  });

  it('gives an empty list for an unknown tag or a non-list, never an error', () => {
    const r = renderTemplate(
      'A{{ incident.timeline | tagged: "nope" }}B{{ incident.title | tagged: "x" }}C',
      tagged(),
    );
    expect(r.markdown).toContain('_No timeline entries._');
  });

  it('is accepted by validation (filter known, key_moments and e.tags are variables)', () => {
    const v = validateTemplate(
      '{{ incident.timeline | tagged: "repair" }}{{ incident.key_moments }}{{ incident.timeline.first.tags }}{% assign r = incident.timeline | tagged: "x" %}{% for e in r %}{{ e.tags }}{% endfor %}',
    );
    expect(v).toEqual({ ok: true, errors: [], warnings: [] });
    expect(validateTemplate('{{ incident.timeline | taged: "x" }}').ok).toBe(false);
  });
});

describe('incident.contributing_factors', () => {
  it('lists category and description, loops over them, and says when there are none', () => {
    const ctx = makeCtx({
      contributingFactors: [
        { category: 'Monitoring gap', description: 'No alert on *pool* saturation' },
        { category: 'Change', description: 'Pool size raised in a deploy' },
      ],
    });
    const r = renderTemplate(
      '{{ incident.contributing_factors }}\n\n{% for f in incident.contributing_factors %}[{{ f.category }}] {% endfor %}',
      ctx,
    );
    expect(r.markdown).toContain('- **Monitoring gap:** No alert on \\*pool\\* saturation');
    expect(r.markdown).toContain('[Monitoring gap] [Change]');
    expect(renderTemplate('{{ incident.contributing_factors }}', makeCtx()).markdown).toContain(
      '_No contributing factors._',
    );
    expect(
      validateTemplate('{% for f in incident.contributing_factors %}{{ f.category }}{% endfor %}').ok,
    ).toBe(true);
  });
});
