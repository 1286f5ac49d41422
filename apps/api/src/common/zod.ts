import { type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { AppError } from './errors.js';

/** Validates a body/param/query with a contracts schema; 400 VALIDATION_FAILED names every bad field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.output<T> {
    const res = this.schema.safeParse(value);
    if (res.success) return res.data;
    const issues = res.error.issues.map((i) => ({
      path: i.path.join('.') || '(body)',
      message: i.message,
      code: i.code,
    }));
    const first = issues[0];
    throw new AppError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'Invalid input', {
      issues,
    });
  }
}

export const UuidParam = new ZodPipe(z.uuid());

/** JSON Schema (OpenAPI 3.0 flavour) of a zod schema, for @ApiBody / @ApiResponse. */
export const openApiSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
