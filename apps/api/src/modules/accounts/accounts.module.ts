import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { SECRET_BOX, secretBoxProvider } from './secret-box.provider.js';

/** Connected accounts (credentials of outside services) and the API's secret box. */
@Module({
  controllers: [AccountsController],
  providers: [AccountsService, secretBoxProvider],
  exports: [AccountsService, SECRET_BOX],
})
export class AccountsModule {}
