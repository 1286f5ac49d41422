import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { FieldIssue } from '@pm/contracts';
import { z } from 'zod';
import { AppError } from './errors.js';
import { refToComponents, SCHEMA_NAMES } from './openapi-schemas.js';

/** Where a validated value came from, as the client sent it. */
export type ValueSource = NonNullable<FieldIssue['in']>;

const SOURCE_OF: Record<ArgumentMetadata['type'], ValueSource | undefined> = {
  body: 'body',
  query: 'query',
  param: 'path',
  custom: undefined,
};

/**
 * Validates a body/param/query with a contracts schema; 400 VALIDATION_FAILED names every bad value with where it
 * was (`path.id: Invalid UUID`, `query.status: …`, `body.title: …`). Nest tells the pipe the source; a pipe called
 * by hand (a header) passes its source and name to the constructor.
 */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(
    private readonly schema: T,
    private readonly source?: { in: ValueSource; name: string },
  ) {}

  transform(value: unknown, meta?: ArgumentMetadata): z.output<T> {
    const res = this.schema.safeParse(value);
    if (res.success) return res.data;
    const where = this.source?.in ?? (meta ? SOURCE_OF[meta.type] : undefined) ?? 'body';
    // A pipe bound to one named value (`@Param('id')`, a header) reports issues under that name.
    const name = this.source?.name ?? (meta?.type === 'body' ? undefined : meta?.data);
    const issues: FieldIssue[] = res.error.issues.map((i) => ({
      in: where,
      path: [...(name ? [name] : []), ...i.path.map(String)].join('.'),
      message: i.message,
      code: i.code,
    }));
    const first = issues[0];
    const label = first ? [first.in, first.path].filter(Boolean).join('.') : where;
    throw new AppError(
      'VALIDATION_FAILED',
      first ? `${label}: ${first.message}` : `${where}: Invalid input`,
      {
        issues,
      },
    );
  }
}

export const UuidParam = new ZodPipe(z.uuid());

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (OpenAPI 3.0 flavour) of a response: schemas named in `openapi-schemas.ts` become
 * `$ref: #/components/schemas/<Name>` so the generated client types carry those names.
 */
export function openApiSchema(schema: z.ZodType): JsonSchema {
  const name = SCHEMA_NAMES.get(schema)?.id;
  if (name) return { $ref: `#/components/schemas/${name}` };
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
    metadata: SCHEMA_NAMES,
  }) as JsonSchema;
  delete json['definitions'];
  return refToComponents(json);
}

/** JSON Schema of what a client may SEND (defaults make fields optional), always inline. */
export function openApiInput(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
    metadata: z.registry<{ id?: string }>(),
  }) as JsonSchema;
}

/** The object schema a query/params schema validates with, seen through `z.preprocess` and `.transform`. */
function objectOf(schema: z.ZodType): z.ZodObject {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodPipe)
    s = s.in instanceof z.ZodTransform ? (s.out as z.ZodType) : (s.in as z.ZodType);
  if (!(s instanceof z.ZodObject)) throw new Error('ApiQueryFrom needs a z.object schema');
  return s;
}

/**
 * One `@ApiQuery` per key of the zod object the route's `ZodPipe` validates the query with, so the spec lists
 * exactly the parameters the server accepts, with their types, enums and limits.
 */
export function ApiQueryFrom(schema: z.ZodType): MethodDecorator {
  const obj = objectOf(schema);
  const decorators = Object.entries(obj.shape).map(([name, field]) => {
    const json = openApiInput(field as z.ZodType);
    const { description, ...rest } = json;
    return ApiQuery({
      name,
      required: !(field as z.ZodType).safeParse(undefined).success,
      schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    });
  });
  return (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };
}
