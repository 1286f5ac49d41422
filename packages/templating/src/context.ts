// The render context is defined once in @pm/contracts (the database side builds it, this package renders it).
export type {
  IncidentContext,
  PersonRef,
  TimelineItem,
  ImpactItem,
  ResponderItem,
  FollowUpItem,
  ContributingFactorItem,
} from '@pm/contracts';
