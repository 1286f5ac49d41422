import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  PostmortemReviewRuleInputSchema,
  ReviewDecisionInputSchema,
  ReviewRuleInputSchema,
  ReviewRuleSchema,
  ReviewStateSchema,
  type PostmortemReviewRuleInput,
  type ReviewDecisionInput,
  type ReviewRuleInput,
} from '@pm/contracts';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { notFound } from '../../common/errors.js';
import { PostmortemsService } from '../postmortems/postmortems.service.js';
import { ReviewsService } from './reviews.service.js';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly postmortems: PostmortemsService,
  ) {}

  private async linked(user: AuthUser, id: string) {
    const pm = await this.postmortems.getVisible(user, id);
    if (pm.removedAt) throw notFound('POSTMORTEM', id);
    return pm;
  }

  /** The postmortem's review: rule, each reviewer's decision (stale marker), approvals n of m, who is missing. */
  @Get('postmortems/:id/review')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(ReviewStateSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  async state(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.reviews.state(await this.linked(user, id));
  }

  /** Overrides the incident type's reviewer rule for this postmortem (`rule: null` inherits it again). */
  @Put('postmortems/:id/review-rule')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(PostmortemReviewRuleInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(ReviewStateSchema) })
  @ApiErrors('VALIDATION_FAILED', 'POSTMORTEM_NOT_FOUND', 'USER_NOT_FOUND', 'POSTMORTEM_FROZEN')
  async setRule(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(PostmortemReviewRuleInputSchema)) body: PostmortemReviewRuleInput,
  ) {
    return this.reviews.setPostmortemRule(user, await this.linked(user, id), body.rule);
  }

  /** A reviewer approves or requests changes (comment required for changes). */
  @Post('postmortems/:id/review/decisions')
  @HttpCode(200)
  @RequirePermissions('incidents_read')
  @ApiBody({ schema: openApiInput(ReviewDecisionInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(ReviewStateSchema) })
  @ApiErrors(
    'VALIDATION_FAILED',
    'POSTMORTEM_NOT_FOUND',
    'NOT_A_REVIEWER',
    'REVIEW_NOT_OPEN',
    'REVIEW_SELF_APPROVAL',
    'REVIEW_ALREADY_DECIDED',
    'POSTMORTEM_FROZEN',
  )
  async decide(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(ReviewDecisionInputSchema)) body: ReviewDecisionInput,
  ) {
    return this.reviews.decide(user, await this.linked(user, id), body);
  }

  /** The incident type's reviewer rule (null: no review required). */
  @Get('incident-types/:typeId/review-rule')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ rule: ReviewRuleSchema.nullable() })) })
  @ApiErrors('INCIDENT_TYPE_NOT_FOUND')
  async typeRule(@Param('typeId', UuidParam) id: string) {
    return { rule: await this.reviews.typeRule(id) };
  }

  /** Sets the incident type's reviewer rule (incident settings). */
  @Put('incident-types/:typeId/review-rule')
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(ReviewRuleInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(z.object({ rule: ReviewRuleSchema.nullable() })) })
  @ApiErrors('VALIDATION_FAILED', 'INCIDENT_TYPE_NOT_FOUND', 'USER_NOT_FOUND')
  async setTypeRule(
    @Param('typeId', UuidParam) id: string,
    @Body(new ZodPipe(ReviewRuleInputSchema)) body: ReviewRuleInput,
  ) {
    return { rule: await this.reviews.setTypeRule(id, body) };
  }
}
