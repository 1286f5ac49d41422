import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module.js';
import { FollowUpExportController } from './follow-up-export.controller.js';
import { TrackerSecretBox } from './tracker-secrets.js';
import { TrackerSettingsController } from './tracker-settings.controller.js';
import { TrackerSettingsService } from './tracker-settings.service.js';
import { WebhookSecretController } from './webhook-secret.controller.js';
import { WebhookSecretService } from './webhook-secret.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Follow-up export to Jira / GitHub: settings per incident type, export requests, inbound webhooks. */
@Module({
  imports: [FollowUpsModule],
  controllers: [
    TrackerSettingsController,
    FollowUpExportController,
    WebhooksController,
    WebhookSecretController,
  ],
  providers: [TrackerSettingsService, TrackerSecretBox, WebhookSecretService, WebhooksService],
})
export class TrackersModule {}
