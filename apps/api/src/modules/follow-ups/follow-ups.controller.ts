import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateFollowUpSchema,
  FollowUpListQuerySchema,
  FollowUpListSchema,
  FollowUpSchema,
  UpdateFollowUpSchema,
  type CreateFollowUpInput,
  type FollowUpListQuery,
  type UpdateFollowUpInput,
} from '@pm/contracts';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { FollowUpsService } from './follow-ups.service.js';

/** Follow-ups (remediation items) of an incident; private incidents' follow-ups are as hidden as the incident. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get('incidents/:id/follow-ups')
  @RequirePermissions('incidents_read')
  @ApiQueryFrom(FollowUpListQuerySchema)
  @ApiErrors('INCIDENT_NOT_FOUND')
  @ApiOkResponse({ schema: openApiSchema(FollowUpListSchema) })
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Query(new ZodPipe(FollowUpListQuerySchema)) q: FollowUpListQuery,
  ) {
    return this.followUps.list(user, id, q);
  }

  /** A new open follow-up, placed last. */
  @Post('incidents/:id/follow-ups')
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(CreateFollowUpSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(FollowUpSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'USER_NOT_FOUND')
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CreateFollowUpSchema)) body: CreateFollowUpInput,
  ) {
    return this.followUps.create(user, id, body);
  }

  /** Edit, assign, date, complete (`status: 'done'`) or reopen (`status: 'open'`). */
  @Patch('follow-ups/:id')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdateFollowUpSchema) })
  @ApiOkResponse({ schema: openApiSchema(FollowUpSchema) })
  @ApiErrors('FOLLOW_UP_NOT_FOUND', 'USER_NOT_FOUND')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(UpdateFollowUpSchema)) body: UpdateFollowUpInput,
  ) {
    return this.followUps.update(user, id, body);
  }

  @Delete('follow-ups/:id')
  @HttpCode(204)
  @RequirePermissions('incidents_write')
  @ApiErrors('FOLLOW_UP_NOT_FOUND')
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.followUps.remove(user, id);
  }
}
