import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ContributingFactorCategoriesSchema,
  ContributingFactorSchema,
  CreateContributingFactorSchema,
  UpdateContributingFactorSchema,
  type ContributingFactorCategories,
  type CreateContributingFactorInput,
  type UpdateContributingFactorInput,
} from '@pm/contracts';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { ContributingFactorsService } from './contributing-factors.service.js';

@ApiTags('contributing factors')
@ApiBearerAuth()
@Controller()
export class ContributingFactorsController {
  constructor(private readonly factors: ContributingFactorsService) {}

  /** The organisation's categories (anyone signed in: the tab's select needs them). */
  @Get('contributing-factor-categories')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(ContributingFactorCategoriesSchema) })
  async categories() {
    return { categories: await this.factors.categories() };
  }

  @Put('contributing-factor-categories')
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(ContributingFactorCategoriesSchema) })
  @ApiOkResponse({ schema: openApiSchema(ContributingFactorCategoriesSchema) })
  @ApiErrors('VALIDATION_FAILED')
  setCategories(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(ContributingFactorCategoriesSchema)) body: ContributingFactorCategories,
  ) {
    return this.factors.setCategories(user, body.categories);
  }

  @Get('postmortems/:id/contributing-factors')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(ContributingFactorSchema) })) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.factors.list(user, id);
  }

  @Post('postmortems/:id/contributing-factors')
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(CreateContributingFactorSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(ContributingFactorSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'POSTMORTEM_FROZEN', 'CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN')
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CreateContributingFactorSchema)) body: CreateContributingFactorInput,
  ) {
    return this.factors.create(user, id, body);
  }

  @Patch('postmortems/:id/contributing-factors/:factorId')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdateContributingFactorSchema) })
  @ApiOkResponse({ schema: openApiSchema(ContributingFactorSchema) })
  @ApiErrors(
    'POSTMORTEM_NOT_FOUND',
    'POSTMORTEM_FROZEN',
    'CONTRIBUTING_FACTOR_NOT_FOUND',
    'CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN',
  )
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('factorId', UuidParam) factorId: string,
    @Body(new ZodPipe(UpdateContributingFactorSchema)) body: UpdateContributingFactorInput,
  ) {
    return this.factors.update(user, id, factorId, body);
  }

  @Delete('postmortems/:id/contributing-factors/:factorId')
  @HttpCode(204)
  @RequirePermissions('incidents_write')
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'POSTMORTEM_FROZEN', 'CONTRIBUTING_FACTOR_NOT_FOUND')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('factorId', UuidParam) factorId: string,
  ) {
    return this.factors.remove(user, id, factorId);
  }
}
