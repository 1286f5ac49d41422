import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CreateExportSchema, ExportSchema, type CreateExportInput } from '@pm/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { orNull, STATE_POLL_MS, streamStateEvents } from '../../common/state-events.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { PostmortemChanges } from '../postmortems/postmortem-changes.js';
import { ExportsService } from './exports.service.js';

@ApiTags('exports')
@ApiBearerAuth()
@Controller()
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly changes: PostmortemChanges,
  ) {}

  /**
   * Starts an export: a download (markdown, html, pdf) or a publication to Confluence / Google Drive (account and
   * place from the body, else from the postmortem's template destination). 202 with the queued row; follow
   * `GET /exports/{exportId}/events` (or poll `GET /exports/{exportId}`) for progress. A later export to the same place updates the same page / document.
   */
  @Post('postmortems/:id/exports')
  @HttpCode(202)
  @RequirePermissions('incidents_read', 'notebooks_read')
  @ApiBody({ schema: openApiInput(CreateExportSchema) })
  @ApiAcceptedResponse({ schema: openApiSchema(ExportSchema) })
  @ApiErrors(
    'VALIDATION_FAILED',
    'POSTMORTEM_NOT_FOUND',
    'EXPORT_NOT_EXPORTABLE',
    'EXPORT_DESTINATION_REQUIRED',
    'QUEUE_UNAVAILABLE',
  )
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CreateExportSchema)) body: CreateExportInput,
  ) {
    return this.exports.create(user, id, body);
  }

  /** The postmortem's exports, newest first (at most 100). */
  @Get('postmortems/:id/exports')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(ExportSchema) })) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.exports.list(user, id);
  }

  /** One export: state, progress, the page link or the file name, and the reason of a failure. */
  @Get('exports/:exportId')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(ExportSchema) })
  @ApiErrors('EXPORT_NOT_FOUND')
  get(@CurrentUser() user: AuthUser, @Param('exportId', UuidParam) id: string) {
    return this.exports.get(user, id);
  }

  /** `text/event-stream` of the export's state until it is ready or failed. */
  @Get('exports/:exportId/events')
  @RequirePermissions('incidents_read')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'One `data:` line per state change, each an Export as JSON',
    schema: { type: 'string' },
  })
  @ApiErrors('EXPORT_NOT_FOUND')
  async events(
    @CurrentUser() user: AuthUser,
    @Param('exportId', UuidParam) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.get(user, id); // 404 before any header is sent
    await streamStateEvents(
      {
        event: 'export',
        read: () => orNull(() => this.exports.get(user, id)),
        isTerminal: (e) => e.state === 'ready' || e.state === 'failed',
        intervalMs: () => this.changes.intervalMs(STATE_POLL_MS),
        wake: (notify) => this.changes.subscribeExport(id, notify),
      },
      req,
      res,
    );
  }

  /** The file of a ready download, as an attachment with its content type. */
  @Get('exports/:exportId/file')
  @RequirePermissions('incidents_read')
  @ApiProduces('text/markdown', 'text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The exported file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors('EXPORT_NOT_FOUND', 'EXPORT_NOT_READY')
  async file(
    @CurrentUser() user: AuthUser,
    @Param('exportId', UuidParam) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const f = await this.exports.file(user, id);
    res
      .status(200)
      .set({
        'content-type': f.contentType,
        'content-length': String(f.bytes.length),
        // The name is restricted to [\w .-] by the worker, so it needs no quoting beyond the quotes.
        'content-disposition': `attachment; filename="${f.fileName}"`,
        'x-content-type-options': 'nosniff',
        // Opened directly anyway, an exported HTML page gets no script, no network and an opaque origin.
        'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        'cache-control': 'private, no-store',
      })
      .end(f.bytes);
  }
}
