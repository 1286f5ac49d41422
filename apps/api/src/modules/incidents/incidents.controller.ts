import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
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
  @ApiQueryFrom(IncidentListQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(pageOf(IncidentSchema)) })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(IncidentListQuerySchema)) q: IncidentListQuery) {
    return this.incidents.list(user, q);
  }

  @Post()
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(CreateIncidentSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(IncidentDetailSchema) })
  @ApiErrors(
    'INCIDENT_TYPE_NOT_FOUND',
    'USER_NOT_FOUND',
    'FIELD_NOT_FOUND',
    'FIELD_VALUE_INVALID',
    'TIMESTAMPS_INCONSISTENT',
  )
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(CreateIncidentSchema)) body: CreateIncidentInput) {
    return this.incidents.create(user, body);
  }

  @Get(':id')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(IncidentDetailSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND')
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.incidents.detail(user, id);
  }

  /** Partial update; each change is recorded on the timeline as an incident update. */
  @Patch(':id')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdateIncidentSchema) })
  @ApiOkResponse({ schema: openApiSchema(IncidentDetailSchema) })
  @ApiErrors(
    'INCIDENT_NOT_FOUND',
    'INVALID_STATUS_TRANSITION',
    'INCIDENT_TYPE_NOT_FOUND',
    'USER_NOT_FOUND',
    'FIELD_NOT_FOUND',
    'FIELD_VALUE_INVALID',
    'TIMESTAMPS_INCONSISTENT',
  )
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
  @ApiErrors('INCIDENT_NOT_FOUND')
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.incidents.remove(user, id);
  }
}
