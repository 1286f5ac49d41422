import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { PutTrackerSettingsInput, TrackerSettings as TrackerSettingsDto } from '@pm/contracts';
import { IncidentType, TrackerSettings } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { accountMatchesTracker } from './tracker-accounts.js';

/** The DTO of an incident type's tracker settings; a type without a row reads as "no tracker". */
export function toTrackerSettingsDto(
  incidentTypeId: string,
  row: TrackerSettings | null,
): TrackerSettingsDto {
  return {
    incidentTypeId,
    accountId: row?.accountId ?? null,
    kind: row?.kind ?? null,
    jira: row?.kind === 'jira' ? row.jira : null,
    github: row?.kind === 'github' ? row.github : null,
    autoExport: row?.autoExport ?? false,
    assignees: row?.assignees ?? {},
  };
}

/** Per incident type: which tracker its follow-ups are exported to, and whether new ones go automatically. */
@Injectable()
export class TrackerSettingsService {
  constructor(private readonly orm: MikroORM) {}

  private async incidentType(id: string): Promise<IncidentType> {
    const type = await this.orm.em.findOne(IncidentType, { id });
    if (!type) throw new AppError('INCIDENT_TYPE_NOT_FOUND', `Incident type ${id} was not found`);
    return type;
  }

  async get(incidentTypeId: string): Promise<TrackerSettingsDto> {
    const type = await this.incidentType(incidentTypeId);
    const row = await this.orm.em.findOne(TrackerSettings, { incidentType: type });
    return toTrackerSettingsDto(type.id, row);
  }

  async put(incidentTypeId: string, input: PutTrackerSettingsInput): Promise<TrackerSettingsDto> {
    const em = this.orm.em;
    const type = await this.incidentType(incidentTypeId);
    if (!(await accountMatchesTracker(em, input.accountId, input.kind))) {
      throw new AppError('VALIDATION_FAILED', `accountId: no ${input.kind} account ${input.accountId}`, {
        issues: [{ in: 'body', path: 'accountId', message: `not a ${input.kind} account`, code: 'invalid' }],
      });
    }
    const row =
      (await em.findOne(TrackerSettings, { incidentType: type })) ??
      em.create(TrackerSettings, { incidentType: type, accountId: input.accountId, kind: input.kind });
    row.accountId = input.accountId;
    row.kind = input.kind;
    row.jira = input.kind === 'jira' ? input.jira : null;
    row.github = input.kind === 'github' ? input.github : null;
    row.autoExport = input.autoExport;
    row.assignees = input.assignees;
    await em.flush();
    return toTrackerSettingsDto(type.id, row);
  }

  /** Removes the tracker of the type; already exported follow-ups keep their link. */
  async remove(incidentTypeId: string): Promise<void> {
    const em = this.orm.em;
    const type = await this.incidentType(incidentTypeId);
    await em.nativeDelete(TrackerSettings, { incidentType: type });
  }
}
