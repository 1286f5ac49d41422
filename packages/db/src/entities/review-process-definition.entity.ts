import type { ReviewStepDefinition } from '@pm/contracts';
import type { Rel } from '@mikro-orm/core';
import { Entity, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base.js';
import { IncidentType } from './incident-type.entity.js';

/**
 * The review process of one incident type (steps as a JSON array, validated by the contracts' schema when written).
 * A type without a row uses `DEFAULT_REVIEW_PROCESS`.
 */
@Entity({ tableName: 'review_process_definitions' })
export class ReviewProcessDefinition extends BaseEntity {
  @OneToOne(() => IncidentType, { owner: true, deleteRule: 'cascade' })
  incidentType!: Rel<IncidentType>;

  @Property({ type: 'json' })
  steps!: ReviewStepDefinition[];
}
