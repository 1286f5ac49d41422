import { Module } from '@nestjs/common';
import { FollowUpExportController } from './follow-up-export.controller.js';
import { FollowUpExportService } from './follow-up-export.service.js';
import { TrackerSecretBox } from './tracker-secrets.js';
import { TrackerSettingsController } from './tracker-settings.controller.js';
import { TrackerSettingsService } from './tracker-settings.service.js';
import { WebhookSecretController } from './webhook-secret.controller.js';
import { WebhookSecretService } from './webhook-secret.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Follow-up export to Jira / GitHub: settings per incident type, export requests, inbound webhooks. */
@Module({
  controllers: [
    TrackerSettingsController,
    FollowUpExportController,
    WebhooksController,
    WebhookSecretController,
  ],
  providers: [
    TrackerSettingsService,
    FollowUpExportService,
    TrackerSecretBox,
    WebhookSecretService,
    WebhooksService,
  ],
  exports: [FollowUpExportService],
})
export class TrackersModule {}
