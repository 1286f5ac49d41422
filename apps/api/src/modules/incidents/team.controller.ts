import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AddResponderSchema,
  CreateImpactSchema,
  ImpactSchema,
  ResponderSchema,
  UpdateImpactSchema,
  UpdateResponderSchema,
  type AddResponderInput,
  type CreateImpactInput,
  type UpdateImpactInput,
  type UpdateResponderInput,
} from '@pm/contracts';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { TeamService } from './team.service.js';

@ApiTags('response team')
@ApiBearerAuth()
@Controller('incidents/:id')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  /** Responders with roles, plus postmortem owners (system role "Postmortem owner"). */
  @Get('responders')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(ResponderSchema) })) })
  @ApiErrors('INCIDENT_NOT_FOUND')
  responders(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.team.responders(user, id);
  }

  /** Adds a responder (or changes the role of one already on the team). */
  @Post('responders')
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(AddResponderSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(ResponderSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'USER_NOT_FOUND', 'RESPONDER_TYPE_NOT_FOUND')
  add(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(AddResponderSchema)) body: AddResponderInput,
  ) {
    return this.team.addResponder(user, id, body);
  }

  @Patch('responders/:userId')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdateResponderSchema) })
  @ApiOkResponse({ schema: openApiSchema(ResponderSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'RESPONDER_NOT_FOUND', 'RESPONDER_TYPE_NOT_FOUND')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('userId', UuidParam) userId: string,
    @Body(new ZodPipe(UpdateResponderSchema)) body: UpdateResponderInput,
  ) {
    return this.team.updateResponder(user, id, userId, body);
  }

  /** Only a responder without a role and without activity can be removed (409 RESPONDER_NOT_REMOVABLE). */
  @Delete('responders/:userId')
  @HttpCode(204)
  @RequirePermissions('incidents_write')
  @ApiErrors('INCIDENT_NOT_FOUND', 'RESPONDER_NOT_FOUND', 'RESPONDER_NOT_REMOVABLE')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('userId', UuidParam) userId: string,
  ) {
    return this.team.removeResponder(user, id, userId);
  }

  @Get('impacts')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(ImpactSchema) })) })
  @ApiErrors('INCIDENT_NOT_FOUND')
  impacts(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.team.impacts(user, id);
  }

  @Post('impacts')
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(CreateImpactSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(ImpactSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'TIMESTAMPS_INCONSISTENT')
  addImpact(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CreateImpactSchema)) body: CreateImpactInput,
  ) {
    return this.team.addImpact(user, id, body);
  }

  @Patch('impacts/:impactId')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdateImpactSchema) })
  @ApiOkResponse({ schema: openApiSchema(ImpactSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'IMPACT_NOT_FOUND', 'TIMESTAMPS_INCONSISTENT')
  updateImpact(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('impactId', UuidParam) impactId: string,
    @Body(new ZodPipe(UpdateImpactSchema)) body: UpdateImpactInput,
  ) {
    return this.team.updateImpact(user, id, impactId, body);
  }

  @Delete('impacts/:impactId')
  @HttpCode(204)
  @RequirePermissions('incidents_write')
  @ApiErrors('INCIDENT_NOT_FOUND', 'IMPACT_NOT_FOUND')
  removeImpact(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('impactId', UuidParam) impactId: string,
  ) {
    return this.team.removeImpact(user, id, impactId);
  }
}
