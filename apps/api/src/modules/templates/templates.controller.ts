import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateTemplateInputSchema,
  ImportTemplatesInputSchema,
  ImportTemplatesResultSchema,
  PreviewTemplateInputSchema,
  TemplateBundleSchema,
  TemplateListQuerySchema,
  TemplatePreviewSchema,
  TemplateSchema,
  TemplateVariableSchema,
  UpdateTemplateInputSchema,
  type ImportTemplatesInput,
  type PreviewTemplateInputBody,
  type TemplateListQuery,
} from '@pm/contracts';
import { VARIABLES } from '@pm/templating';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { TemplateIoService } from './template-io.service.js';
import { TemplatePreviewService } from './template-preview.service.js';
import { TemplatesService } from './templates.service.js';

/** Accepts the reference product's `filter[incident-type]=<id>` as well as `incidentType=<id>`. */
const ListQuery = z.preprocess((raw) => {
  const q = { ...(raw as Record<string, unknown>) };
  const filter = q['filter'] as Record<string, unknown> | undefined;
  const legacy = q['filter[incident-type]'] ?? filter?.['incident-type'];
  delete q['filter'];
  delete q['filter[incident-type]'];
  if (legacy !== undefined && q['incidentType'] === undefined) q['incidentType'] = legacy;
  return q;
}, TemplateListQuerySchema);

const ExportQuery = z.object({ format: z.enum(['json', 'markdown']).default('json') });

const CreatePipe = new ZodPipe(CreateTemplateInputSchema);

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly previews: TemplatePreviewService,
    private readonly io: TemplateIoService,
  ) {}

  @Get()
  @RequirePermissions('incidents_read')
  @ApiQueryFrom(TemplateListQuerySchema)
  @ApiQuery({
    name: 'filter[incident-type]',
    required: false,
    deprecated: true,
    schema: { type: 'string' },
    description: 'Same as `incidentType` (the form the reference product sends)',
  })
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(TemplateSchema) })) })
  list(@Query(new ZodPipe(ListQuery)) q: TemplateListQuery) {
    return this.templates.list(q);
  }

  /** The variable catalog, so the editor palette and the docs come from the same data as the renderer. */
  @Get('variables')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(TemplateVariableSchema) })) })
  variables() {
    return { items: VARIABLES };
  }

  @Get('export')
  @RequirePermissions('templates_manage')
  @ApiOkResponse({ schema: openApiSchema(TemplateBundleSchema) })
  exportAll() {
    return this.io.exportAll();
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermissions('templates_manage')
  @ApiBody({ schema: openApiInput(ImportTemplatesInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(ImportTemplatesResultSchema) })
  @ApiErrors('TEMPLATE_INVALID', 'TEMPLATE_ACCOUNT_INVALID')
  import(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(ImportTemplatesInputSchema)) body: ImportTemplatesInput,
  ) {
    return this.io.import(user, body);
  }

  @Post('preview')
  @HttpCode(200)
  @RequirePermissions('incidents_read')
  @ApiBody({ schema: openApiInput(PreviewTemplateInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(TemplatePreviewSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'TEMPLATE_NOT_FOUND', 'TEMPLATE_INVALID')
  preview(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(PreviewTemplateInputSchema)) body: PreviewTemplateInputBody,
  ) {
    return this.previews.preview(user, body);
  }

  @Post()
  @HttpCode(201)
  @RequirePermissions('templates_manage')
  @ApiBody({ schema: openApiInput(CreateTemplateInputSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(TemplateSchema) })
  @ApiErrors('TEMPLATE_INVALID', 'TEMPLATE_ACCOUNT_INVALID')
  create(@CurrentUser() user: AuthUser, @Body(CreatePipe) body: z.output<typeof CreateTemplateInputSchema>) {
    return this.templates.create(user, body);
  }

  @Get(':id')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(TemplateSchema) })
  @ApiErrors('TEMPLATE_NOT_FOUND')
  get(@Param('id', UuidParam) id: string) {
    return this.templates.getDto(id);
  }

  /** One template as a file: JSON, or Markdown with YAML front matter (`format=markdown`). */
  @Get(':id/export')
  @RequirePermissions('templates_manage')
  @ApiProduces('application/json', 'text/markdown')
  @ApiQueryFrom(ExportQuery)
  @ApiOkResponse({ schema: { description: 'A template file: JSON, or Markdown with YAML front matter' } })
  @ApiErrors('TEMPLATE_NOT_FOUND')
  async exportOne(
    @Param('id', UuidParam) id: string,
    @Query(new ZodPipe(ExportQuery)) q: z.output<typeof ExportQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const file = await this.io.exportOne(id, q.format);
    res.setHeader('content-type', `${file.type}; charset=utf-8`);
    res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.body;
  }

  @Patch(':id')
  @RequirePermissions('templates_manage')
  @ApiBody({ schema: openApiInput(UpdateTemplateInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(TemplateSchema) })
  @ApiErrors('TEMPLATE_NOT_FOUND', 'TEMPLATE_INVALID', 'TEMPLATE_ACCOUNT_INVALID')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(UpdateTemplateInputSchema)) body: z.output<typeof UpdateTemplateInputSchema>,
  ) {
    return this.templates.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('templates_manage')
  @ApiErrors('TEMPLATE_NOT_FOUND')
  async remove(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.templates.remove(user, id);
  }
}
