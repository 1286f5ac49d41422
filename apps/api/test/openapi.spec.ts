import SwaggerParser from '@apidevtools/swagger-parser';
import { ERROR_STATUS, type ErrorCode } from '@pm/contracts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTE_RULES } from './route-rules.js';

/**
 * The committed spec (CI fails when it differs from what the app generates) is what the client types are generated
 * from, so it must be valid OpenAPI 3.0 and tell the client every error and every accepted parameter.
 */
const spec = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: ErrorSchema }> }>;
  security?: unknown[];
}
interface ErrorSchema {
  allOf?: [{ $ref: string }, { properties: { code: { enum: ErrorCode[] } } }];
}
const operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, path, op })),
);
const errorCodes = (op: Operation, status: string): ErrorCode[] =>
  op.responses[status]?.content?.['application/json']?.schema.allOf?.[1].properties.code.enum ?? [];

describe('openapi.json', () => {
  it('is valid OpenAPI 3.0', async () => {
    await expect(SwaggerParser.validate(structuredClone(spec) as never)).resolves.toBeTruthy();
  });

  it('documents the error responses of every operation with the shared ErrorBody and their codes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(57);
    for (const { route, op } of operations) {
      const statuses = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      const errors = statuses.filter((s) => errorCodes(op, s).length);
      expect(errors, route).toContain('500');
      for (const s of errors) {
        expect(op.responses[s]!.content!['application/json']!.schema.allOf![0].$ref, route).toBe(
          '#/components/schemas/ErrorBody',
        );
        // Every listed code really answers with that status.
        for (const code of errorCodes(op, s))
          expect(`${code} ${ERROR_STATUS[code]}`, route).toBe(`${code} ${s}`);
      }
    }
  });

  it('lists 401 on signed-in routes, 400 and a 404 code on routes with an id in the path', () => {
    for (const { route, path, op } of operations) {
      if (op.security?.length) expect(errorCodes(op, '401'), route).toContain('UNAUTHENTICATED');
      if (/\{\w+\}/.test(path)) {
        expect(errorCodes(op, '400'), route).toContain('VALIDATION_FAILED');
        // Tracker webhooks answer an unknown account exactly like a bad signature (401), so ids cannot be probed.
        if (path.startsWith('/webhooks/')) expect(errorCodes(op, '404'), route).toEqual([]);
        else expect(errorCodes(op, '404').length, route).toBeGreaterThan(0);
      }
    }
  });

  it('documents every status the authorization matrix expects from each route', () => {
    const missing: string[] = [];
    for (const [key, rule] of Object.entries(ROUTE_RULES)) {
      const [method, route] = key.split(' ') as [string, string];
      const op = spec.paths[route.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      if (!op) {
        missing.push(`${key}: not in the spec`);
        continue;
      }
      for (const status of new Set(Object.values(rule.expect)))
        if (!op.responses[String(status)]) missing.push(`${key}: ${status}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists the query parameters the server accepts', () => {
    const query = (path: string, method = 'get') =>
      (spec.paths[path]![method]!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query('/incidents')).toEqual(['text', 'status', 'severity', 'visibility']);
    expect(query('/templates')).toEqual(expect.arrayContaining(['incidentType', 'sort']));
    expect(query('/incidents/{id}/timeline')).toEqual(['important', 'order']);
    expect(query('/incidents/{id}/postmortems')).toEqual(['includeRemoved']);
    expect(query('/templates/{id}/export')).toEqual(['format']);
  });

  it('names the shapes the client uses', () => {
    for (const name of ['ErrorBody', 'Postmortem', 'IncidentDetail', 'Template', 'TemplatePreview', 'Me'])
      expect(spec.components.schemas, name).toHaveProperty(name);
  });
});
