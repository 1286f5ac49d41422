import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { QualityConfigSchema, QualityRunSchema, type QualityConfigDto } from '@pm/contracts';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { QualityService } from './quality.service.js';

@ApiTags('quality')
@ApiBearerAuth()
@Controller()
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  /** Runs the postmortem's quality checks now (the tab's checklist); records `postmortem.quality_checked`. */
  @Post('postmortems/:id/quality-checks')
  @HttpCode(200)
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(QualityRunSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  run(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.quality.runFor(user, id);
  }

  /** Level per check (off / warning / blocking) and blaming phrases of an incident type. */
  @Get('incident-types/:typeId/quality-checks')
  @RequirePermissions('incident_settings_manage')
  @ApiOkResponse({ schema: openApiSchema(QualityConfigSchema) })
  @ApiErrors('INCIDENT_TYPE_NOT_FOUND')
  getConfig(@Param('typeId', UuidParam) typeId: string) {
    return this.quality.getConfig(typeId);
  }

  @Put('incident-types/:typeId/quality-checks')
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(QualityConfigSchema) })
  @ApiOkResponse({ schema: openApiSchema(QualityConfigSchema) })
  @ApiErrors('VALIDATION_FAILED', 'INCIDENT_TYPE_NOT_FOUND')
  putConfig(
    @Param('typeId', UuidParam) typeId: string,
    @Body(new ZodPipe(QualityConfigSchema)) body: QualityConfigDto,
  ) {
    return this.quality.putConfig(typeId, body);
  }
}
