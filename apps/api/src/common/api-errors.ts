import { type INestApplication, RequestMethod, SetMetadata } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from '@pm/contracts';
import { PERMISSIONS_KEY, PUBLIC_KEY } from '../modules/auth/auth.decorators.js';
import { ZodPipe } from './zod.js';

const API_ERRORS_KEY = 'pm:api-errors';
/** Nest's RouteParamtypes.BODY (`@Body()`); the enum is not exported from a public entry point. */
const BODY_ARG = 3;

/**
 * Documents the error codes a route answers besides the ones every route of its kind gets automatically
 * (see {@link documentErrors}): e.g. `@ApiErrors('INCIDENT_NOT_FOUND', 'INVALID_STATUS_TRANSITION')`.
 */
export const ApiErrors = (...codes: ErrorCode[]) => SetMetadata(API_ERRORS_KEY, codes);

type Handler = (...args: unknown[]) => unknown;
type Ctor = new (...args: never[]) => object;
interface ArgMeta {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/** Catalog order, so the document (and its diff) does not depend on the order codes were listed in. */
const CATALOG = Object.keys(ERROR_STATUS) as ErrorCode[];

/**
 * The codes a route can answer: its own (`@ApiErrors`), plus UNAUTHENTICATED unless `@Public()`, FORBIDDEN when it
 * requires a permission, VALIDATION_FAILED when a ZodPipe checks a path id, the query or the body,
 * PAYLOAD_TOO_LARGE when it reads a body, and INTERNAL always.
 */
export function routeErrorCodes(controller: Ctor, method: string, reflector = new Reflector()): ErrorCode[] {
  const fn = (controller.prototype as Record<string, Handler>)[method]!;
  const targets = [fn, controller];
  const codes = new Set<ErrorCode>(reflector.get<ErrorCode[] | undefined>(API_ERRORS_KEY, fn) ?? []);
  if (!reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) codes.add('UNAUTHENTICATED');
  if (reflector.getAllAndOverride<string[] | undefined>(PERMISSIONS_KEY, targets)?.length)
    codes.add('FORBIDDEN');
  const args = Object.entries(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, ArgMeta>,
  );
  if (args.some(([, a]) => a.pipes?.some((p) => p instanceof ZodPipe))) codes.add('VALIDATION_FAILED');
  if (args.some(([key]) => Number(key.split(':')[0]) === BODY_ARG)) {
    // The JSON body parser runs before the pipe: malformed JSON is a 400, an oversized body a 413.
    codes.add('VALIDATION_FAILED');
    codes.add('PAYLOAD_TOO_LARGE');
  }
  codes.add('INTERNAL');
  return CATALOG.filter((c) => codes.has(c));
}

/** `{code, message, details}` whose `code` is one of `codes`. */
const errorSchema = (codes: ErrorCode[]) => ({
  allOf: [
    { $ref: '#/components/schemas/ErrorBody' },
    { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: codes } } },
  ],
});

/** Route handlers of every controller of the app, as (controller class, method name). */
function routes(app: INestApplication): [Ctor, string][] {
  const out: [Ctor, string][] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctor = wrapper.metatype as Ctor | null;
      if (!ctor) continue;
      for (const name of Object.getOwnPropertyNames(ctor.prototype)) {
        const fn = (ctor.prototype as Record<string, unknown>)[name];
        if (name !== 'constructor' && typeof fn === 'function' && Reflect.hasMetadata(PATH_METADATA, fn))
          out.push([ctor, name]);
      }
    }
  }
  return out;
}

/**
 * Writes the error responses of every route into its swagger metadata, grouped by HTTP status, each with the
 * shared `ErrorBody` schema narrowed to the codes of that status. Idempotent: each call recomputes the same entries.
 */
export function documentErrors(app: INestApplication): void {
  const reflector = new Reflector();
  for (const [ctor, name] of routes(app)) {
    const fn = (ctor.prototype as Record<string, Handler>)[name]!;
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of routeErrorCodes(ctor, name, reflector)) {
      const status = ERROR_STATUS[code];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const responses: Record<string, unknown> = { ...Reflect.getMetadata(DECORATORS.API_RESPONSE, fn) };
    // Swagger derives the success response from @HttpCode only while a route declares no response at all.
    if (!Object.keys(responses).some((k) => Number(k) < 400)) {
      const status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ??
        (Reflect.getMetadata(METHOD_METADATA, fn) === RequestMethod.POST ? 201 : 200);
      responses[status] = { description: status === 204 ? 'No content' : '' };
    }
    for (const [status, codes] of byStatus)
      Object.assign(responses, {
        // Explicit content: errors are JSON even on routes that produce an event stream or Markdown.
        [status]: {
          description: codes.join(', '),
          content: { 'application/json': { schema: errorSchema(codes) } },
        },
      });
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, responses, fn);
  }
}
