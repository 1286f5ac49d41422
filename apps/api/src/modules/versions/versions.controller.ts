import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateNamedVersionSchema,
  DocumentVersionListSchema,
  DocumentVersionPreviewSchema,
  DocumentVersionSchema,
  type CreateNamedVersionInput,
} from '@pm/contracts';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { VersionsService } from './versions.service.js';

/** Version history of a postmortem notebook: list, preview, name the current state, restore (append-only). */
@ApiTags('versions')
@ApiBearerAuth()
@Controller('postmortems/:id/versions')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @Get()
  @RequirePermissions('notebooks_read')
  @ApiOkResponse({ schema: openApiSchema(DocumentVersionListSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND')
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.versions.list(user, id);
  }

  @Get(':versionId')
  @RequirePermissions('notebooks_read')
  @ApiOkResponse({ schema: openApiSchema(DocumentVersionPreviewSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND', 'VERSION_NOT_FOUND')
  preview(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('versionId', UuidParam) versionId: string,
  ) {
    return this.versions.preview(user, id, versionId);
  }

  /** Names the live document's current state (taken by collab, so nothing typed in the last seconds is missed). */
  @Post()
  @HttpCode(201)
  @RequirePermissions('notebooks_write')
  @ApiBody({ schema: openApiInput(CreateNamedVersionSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(DocumentVersionSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND', 'COLLAB_UNAVAILABLE')
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CreateNamedVersionSchema)) body: CreateNamedVersionInput,
  ) {
    return this.versions.createNamed(user, id, body.name);
  }

  /** Brings a version's content back into the live document; records a NEW `restore` version. */
  @Post(':versionId/restore')
  @HttpCode(200)
  @RequirePermissions('notebooks_write')
  @ApiOkResponse({ schema: openApiSchema(DocumentVersionSchema) })
  @ApiErrors(
    'POSTMORTEM_NOT_FOUND',
    'DOCUMENT_NOT_FOUND',
    'VERSION_NOT_FOUND',
    'COLLAB_UNAVAILABLE',
    'POSTMORTEM_FROZEN',
  )
  restore(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('versionId', UuidParam) versionId: string,
  ) {
    return this.versions.restore(user, id, versionId);
  }
}
