import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { IncidentField, IncidentType } from '@pm/db';
import { AppError } from '../../common/errors.js';

/**
 * What a template may refer to beyond the built-in catalog: custom property field names (valid as
 * `incident.<name>`) and incident types (templates store the IncidentType id). One place, fed by the
 * incident-model tables, so save-time validation and preview agree.
 */
@Injectable()
export class TemplateVocabulary {
  constructor(private readonly orm: MikroORM) {}

  /** Custom property field names declared in this installation. */
  async customFieldNames(): Promise<string[]> {
    const rows = await this.orm.em.fork().find(IncidentField, {}, { fields: ['name'] });
    return rows.map((f) => f.name);
  }

  /** Throws VALIDATION_FAILED unless `incidentType` is null (any type) or the id of an incident type. */
  async assertIncidentType(incidentType: string | null): Promise<void> {
    if (incidentType === null) return;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(incidentType);
    if (uuid && (await this.orm.em.fork().count(IncidentType, { id: incidentType })) > 0) return;
    throw new AppError('VALIDATION_FAILED', `incidentType: no incident type with id ${incidentType}`, {
      issues: [{ path: 'incidentType', message: 'unknown incident type id', code: 'custom' }],
    });
  }
}
