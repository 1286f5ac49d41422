import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PutTrackerSettingsSchema, TrackerSettingsSchema, type PutTrackerSettingsInput } from '@pm/contracts';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { TrackerSettingsService } from './tracker-settings.service.js';

/** Tracker settings of an incident type (Incident Settings Manage). */
@ApiTags('incident settings')
@ApiBearerAuth()
@Controller('incident-types/:typeId/tracker-settings')
export class TrackerSettingsController {
  constructor(private readonly settings: TrackerSettingsService) {}

  @Get()
  @RequirePermissions('incident_settings_manage')
  @ApiOkResponse({ schema: openApiSchema(TrackerSettingsSchema) })
  @ApiErrors('INCIDENT_TYPE_NOT_FOUND')
  get(@Param('typeId', UuidParam) typeId: string) {
    return this.settings.get(typeId);
  }

  @Put()
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(PutTrackerSettingsSchema) })
  @ApiOkResponse({ schema: openApiSchema(TrackerSettingsSchema) })
  @ApiErrors('INCIDENT_TYPE_NOT_FOUND')
  put(
    @Param('typeId', UuidParam) typeId: string,
    @Body(new ZodPipe(PutTrackerSettingsSchema)) body: PutTrackerSettingsInput,
  ) {
    return this.settings.put(typeId, body);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermissions('incident_settings_manage')
  @ApiErrors('INCIDENT_TYPE_NOT_FOUND')
  remove(@Param('typeId', UuidParam) typeId: string) {
    return this.settings.remove(typeId);
  }
}
