import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  DocumentVersionSchema,
  RefreshAppliedSchema,
  RefreshPreviewSchema,
  type RefreshAppliedInput,
} from '@pm/contracts';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { RefreshService } from './refresh.service.js';

/** "Refresh from incident": re-render the document's incident-data blocks from the incident's current data. */
@ApiTags('postmortems')
@ApiBearerAuth()
@Controller('postmortems/:id/refresh')
export class RefreshController {
  constructor(private readonly refresh: RefreshService) {}

  /** Every refreshable source rendered from the incident's current data (changes nothing). */
  @Post('preview')
  @HttpCode(200)
  @RequirePermissions('incidents_write')
  @ApiOkResponse({ schema: openApiSchema(RefreshPreviewSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND')
  preview(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.refresh.preview(user, id);
  }

  /**
   * Records a refresh the tab applied to the live document: a named version "Refreshed from incident" (taken by
   * collab from the live document) and a `postmortem.refreshed` event. Answers the version.
   */
  @Post()
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(RefreshAppliedSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(DocumentVersionSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND', 'COLLAB_UNAVAILABLE')
  record(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(RefreshAppliedSchema)) body: RefreshAppliedInput,
  ) {
    return this.refresh.record(user, id, body);
  }
}
