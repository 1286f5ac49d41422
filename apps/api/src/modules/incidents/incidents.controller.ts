import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateIncidentSchema,
  IncidentDetailSchema,
  IncidentListQuerySchema,
  IncidentSchema,
  pageOf,
  UpdateIncidentSchema,
  type CreateIncidentInput,
  type IncidentListQuery,
  type UpdateIncidentInput,
} from '@pm/contracts';
import { openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  /** Filters: status, severity, visibility, text (title substring or `#12`). Private incidents only when visible. */
  @Get()
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(pageOf(IncidentSchema)) })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(IncidentListQuerySchema)) q: IncidentListQuery) {
    return this.incidents.list(user, q);
  }

  @Post()
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiSchema(CreateIncidentSchema) })
  @ApiOkResponse({ schema: openApiSchema(IncidentDetailSchema) })
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(CreateIncidentSchema)) body: CreateIncidentInput) {
    return this.incidents.create(user, body);
  }

  @Get(':id')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(IncidentDetailSchema) })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.incidents.detail(user, id);
  }

  /** Partial update; each change is recorded on the timeline as an incident update. */
  @Patch(':id')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiSchema(UpdateIncidentSchema) })
  @ApiOkResponse({ schema: openApiSchema(IncidentDetailSchema) })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(UpdateIncidentSchema)) body: UpdateIncidentInput,
  ) {
    return this.incidents.update(user, id, body);
  }

  /** Irreversible: removes the timeline, impacts, team and postmortem links with it. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('incidents_write')
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.incidents.remove(user, id);
  }
}
