import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** The audit trail's read side (the rows are written by every feature through `recordEvent`). */
@Module({ imports: [IncidentsModule], controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}
