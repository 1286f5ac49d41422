import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module.js';
import { RefreshController } from './refresh.controller.js';
import { RefreshService } from './refresh.service.js';

/** "Refresh from incident" (render current incident data; record the refresh the tab applied). */
@Module({ imports: [VersionsModule], controllers: [RefreshController], providers: [RefreshService] })
export class RefreshModule {}
