import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { TemplateIoService } from './template-io.service.js';
import { TemplatePreviewService } from './template-preview.service.js';
import { TemplateVocabulary } from './template-vocabulary.js';
import { TemplatesController } from './templates.controller.js';
import { TemplatesService } from './templates.service.js';

@Module({
  imports: [IncidentsModule],
  controllers: [TemplatesController],
  providers: [TemplatesService, TemplatePreviewService, TemplateIoService, TemplateVocabulary],
  exports: [TemplatesService],
})
export class TemplatesModule {}
