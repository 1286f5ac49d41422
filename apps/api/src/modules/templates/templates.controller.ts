import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { pageOf, TemplateSchema } from '@pm/contracts';
import { z } from 'zod';
import { openApiSchema, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { TemplatesService } from './templates.service.js';

export const PreviewInputSchema = z
  .object({ templateId: z.uuid().optional(), content: z.string().optional(), incidentId: z.uuid() })
  .refine((v) => v.templateId || v.content !== undefined, {
    message: 'templateId or content is required',
    path: ['templateId'],
  });

export const PreviewResultSchema = z.object({
  doc: z.record(z.string(), z.unknown()),
  html: z.string(),
  warnings: z.array(z.string()),
});

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(pageOf(TemplateSchema).omit({ total: true })) })
  list() {
    return this.templates.list();
  }

  @Post('preview')
  @HttpCode(200)
  @RequirePermissions('incidents_read')
  @ApiBody({ schema: openApiSchema(PreviewInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(PreviewResultSchema) })
  preview(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(PreviewInputSchema)) body: z.infer<typeof PreviewInputSchema>,
  ) {
    return this.templates.preview(user, body);
  }
}
