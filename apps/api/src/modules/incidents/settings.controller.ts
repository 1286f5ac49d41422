import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateIncidentFieldSchema,
  CreateResponderTypeSchema,
  IncidentFieldSchema,
  IncidentTypeSchema,
  ResponderTypeSchema,
  UpdateIncidentFieldSchema,
  type CreateIncidentFieldInput,
  type CreateResponderTypeInput,
  type UpdateIncidentFieldInput,
} from '@pm/contracts';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { SettingsService } from './settings.service.js';

const list = (s: z.ZodType) => openApiSchema(z.object({ items: z.array(s) }));

@ApiTags('incident settings')
@ApiBearerAuth()
@Controller()
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get('incident-types')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: list(IncidentTypeSchema) })
  incidentTypes() {
    return this.settings.incidentTypes();
  }

  @Get('incident-fields')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: list(IncidentFieldSchema) })
  fields() {
    return this.settings.fields();
  }

  @Post('incident-fields')
  @HttpCode(201)
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(CreateIncidentFieldSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(IncidentFieldSchema) })
  @ApiErrors('FIELD_NAME_TAKEN')
  createField(@Body(new ZodPipe(CreateIncidentFieldSchema)) body: CreateIncidentFieldInput) {
    return this.settings.createField(body);
  }

  /** Display name and options only: a field's name and type never change. */
  @Patch('incident-fields/:fieldId')
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(UpdateIncidentFieldSchema) })
  @ApiOkResponse({ schema: openApiSchema(IncidentFieldSchema) })
  @ApiErrors('FIELD_NOT_FOUND')
  updateField(
    @Param('fieldId', UuidParam) id: string,
    @Body(new ZodPipe(UpdateIncidentFieldSchema)) body: UpdateIncidentFieldInput,
  ) {
    return this.settings.updateField(id, body);
  }

  @Delete('incident-fields/:fieldId')
  @HttpCode(204)
  @RequirePermissions('incident_settings_manage')
  @ApiErrors('FIELD_NOT_FOUND')
  removeField(@Param('fieldId', UuidParam) id: string) {
    return this.settings.removeField(id);
  }

  @Get('responder-types')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: list(ResponderTypeSchema) })
  responderTypes() {
    return this.settings.responderTypes();
  }

  @Post('responder-types')
  @HttpCode(201)
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(CreateResponderTypeSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(ResponderTypeSchema) })
  @ApiErrors('CONFLICT', 'RESPONDER_TYPE_NAME_RESERVED')
  createResponderType(@Body(new ZodPipe(CreateResponderTypeSchema)) body: CreateResponderTypeInput) {
    return this.settings.createResponderType(body);
  }

  @Delete('responder-types/:typeId')
  @HttpCode(204)
  @RequirePermissions('incident_settings_manage')
  @ApiErrors('RESPONDER_TYPE_NOT_FOUND')
  removeResponderType(@Param('typeId', UuidParam) id: string) {
    return this.settings.removeResponderType(id);
  }
}
