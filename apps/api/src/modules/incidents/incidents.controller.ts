import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateIncidentSchema,
  IncidentDetailSchema,
  IncidentSchema,
  pageOf,
  type CreateIncidentInput,
} from '@pm/contracts';
import { z } from 'zod';
import { openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { IncidentsService } from './incidents.service.js';

const ListQuery = z.object({
  text: z.string().max(200).optional(),
  status: z.enum(['active', 'stable', 'resolved', 'completed']).optional(),
});

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(pageOf(IncidentSchema)) })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>) {
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
}
