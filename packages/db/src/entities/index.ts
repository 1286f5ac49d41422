export * from './base.js';
export * from './user.entity.js';
export * from './session.entity.js';
export * from './incident.entity.js';
export * from './timeline-entry.entity.js';
export * from './template.entity.js';
export * from './document.entity.js';
export * from './postmortem.entity.js';
export * from './document-version.entity.js';
export * from './incident-type.entity.js';
export * from './impact.entity.js';
export * from './responder.entity.js';
export * from './responder-type.entity.js';
export * from './incident-field.entity.js';
export * from './follow-up.entity.js';
export * from './tracker-settings.entity.js';
export * from './tracker-webhook-secret.entity.js';
export * from './connected-account.entity.js';
import { ConnectedAccount } from './connected-account.entity.js';
import { Document } from './document.entity.js';
import { FollowUp } from './follow-up.entity.js';
export * from './export.entity.js';
export * from './domain-event.entity.js';
export * from './notification.entity.js';
export * from './notification-settings.entity.js';
export * from './reminder-log.entity.js';
import { Notification } from './notification.entity.js';
import { NotificationSettingsRow } from './notification-settings.entity.js';
import { EventCursor, ReminderLog } from './reminder-log.entity.js';
export * from './review-process-definition.entity.js';
export * from './review-step.entity.js';
export * from './review-meeting.entity.js';
import { ReviewProcessDefinition } from './review-process-definition.entity.js';
import { ReviewStep } from './review-step.entity.js';
import { ReviewMeeting } from './review-meeting.entity.js';
export * from './webhook.entity.js';
import { DomainEvent } from './domain-event.entity.js';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';
export * from './postmortem-review.entity.js';
export * from './contributing-factor.entity.js';
import { ContributingFactor, OrgSetting } from './contributing-factor.entity.js';
export * from './public-postmortem.entity.js';
import { PublicPostmortem } from './public-postmortem.entity.js';
import { PostmortemReview } from './postmortem-review.entity.js';
import { Export } from './export.entity.js';
import { DocumentVersion } from './document-version.entity.js';
import { Impact } from './impact.entity.js';
import { IncidentField } from './incident-field.entity.js';
import { IncidentType } from './incident-type.entity.js';
import { ResponderType } from './responder-type.entity.js';
import { Responder } from './responder.entity.js';
import { Incident } from './incident.entity.js';
import { Postmortem } from './postmortem.entity.js';
import { Session } from './session.entity.js';
import { Template } from './template.entity.js';
import { TimelineEntry } from './timeline-entry.entity.js';
import { User } from './user.entity.js';
import { TrackerSettings } from './tracker-settings.entity.js';
import { TrackerWebhookSecret } from './tracker-webhook-secret.entity.js';

/** Every entity, for ORM configuration. */
export const ENTITIES = [
  ContributingFactor,
  OrgSetting,
  User,
  Session,
  Incident,
  TimelineEntry,
  Template,
  Document,
  Postmortem,
  IncidentType,
  Impact,
  Responder,
  ResponderType,
  IncidentField,
  DocumentVersion,
  FollowUp,
  TrackerSettings,
  TrackerWebhookSecret,
  Export,
  ConnectedAccount,
  DomainEvent,
  Notification,
  NotificationSettingsRow,
  ReminderLog,
  EventCursor,
  ReviewProcessDefinition,
  ReviewStep,
  ReviewMeeting,
  WebhookEndpoint,
  WebhookDelivery,
  PostmortemReview,
  PublicPostmortem,
];
