import { Injectable } from '@nestjs/common';

/**
 * What a template may refer to beyond the built-in catalog: custom property field names (valid as
 * `incident.<name>`) and incident types. Kept in one place so the incident-model tables can feed it.
 */
@Injectable()
export class TemplateVocabulary {
  /** Custom property field names declared in this installation. */
  // eslint-disable-next-line @typescript-eslint/require-await
  async customFieldNames(): Promise<string[]> {
    return [];
  }

  /** Throws VALIDATION_FAILED when `incidentType` is not a known incident type. */
  // eslint-disable-next-line @typescript-eslint/require-await, @typescript-eslint/no-unused-vars
  async assertIncidentType(_incidentType: string | null): Promise<void> {}
}
