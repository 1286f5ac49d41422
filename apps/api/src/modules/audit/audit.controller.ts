import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AuditExportQuerySchema,
  AuditPageSchema,
  AuditQuerySchema,
  type AuditEntry,
  type AuditExportQuery,
  type AuditQuery,
} from '@pm/contracts';
import type { Response } from 'express';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { AuditService } from './audit.service.js';
import { csvRow } from './csv.js';

const CSV_COLUMNS = [
  'seq',
  'id',
  'createdAt',
  'type',
  'incidentId',
  'incidentPublicId',
  'postmortemId',
  'followUpId',
  'templateId',
  'actorId',
  'actorName',
  'requestId',
  'before',
  'after',
  'data',
] as const satisfies readonly (keyof AuditEntry)[];

/** The audit trail, for admins (Audit Read); private incidents' entries follow the incident's visibility. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @RequirePermissions('audit_read')
  @ApiQueryFrom(AuditQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(AuditPageSchema) })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(AuditQuerySchema)) q: AuditQuery) {
    return this.audit.list(user, q);
  }

  /** Every matching entry as CSV (spreadsheet-safe) or a JSON array, streamed newest first. */
  @Get('audit/export')
  @RequirePermissions('audit_read')
  @ApiQueryFrom(AuditExportQuerySchema)
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'The audit entries as a file', schema: { type: 'string', format: 'binary' } })
  async export(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(AuditExportQuerySchema)) q: AuditExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { format, ...filter } = q;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.status(200).set({
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${stamp}.${format}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    let first = true;
    res.write(format === 'csv' ? csvRow(CSV_COLUMNS) : '[');
    try {
      for await (const e of this.audit.all(user, filter)) {
        const chunk =
          format === 'csv'
            ? csvRow(CSV_COLUMNS.map((c) => e[c]))
            : `${first ? '' : ','}\n${JSON.stringify(e)}`;
        first = false;
        // Back-pressure: wait for a slow client instead of buffering the whole trail.
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      }
      res.end(format === 'csv' ? '' : '\n]\n');
    } catch (err) {
      // Headers are gone: cut the stream so the client sees an incomplete download, never a truncated "success".
      res.destroy(err as Error);
    }
  }

  @Get('incidents/:id/audit')
  @RequirePermissions('audit_read')
  @ApiQueryFrom(AuditQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(AuditPageSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND')
  forIncident(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Query(new ZodPipe(AuditQuerySchema)) q: AuditQuery,
  ) {
    return this.audit.forIncident(user, id, q);
  }
}
