import { Module } from '@nestjs/common';
import { PostmortemsModule } from '../postmortems/postmortems.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** Downloads and destination exports of postmortems (rows here, rendering / publishing in the worker). */
@Module({
  imports: [PostmortemsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
