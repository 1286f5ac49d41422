import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123749_tracker_sync extends Migration {

  override name = 'Migration20261130123749_tracker_sync';

  override up(): void | Promise<void> {
    this.addSql(`create table \`incident_type_tracker_settings\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`incident_type_id\` text not null, \`account_id\` text not null, \`kind\` text not null, \`jira\` json null, \`github\` json null, \`auto_export\` integer not null default false, \`assignees\` json not null, constraint \`incident_type_tracker_settings_incident_type_id_foreign\` foreign key (\`incident_type_id\`) references \`incident_types\` (\`id\`) on delete cascade);`);
    this.addSql(`create unique index \`incident_type_tracker_settings_incident_type_id_unique\` on \`incident_type_tracker_settings\` (\`incident_type_id\`);`);

    this.addSql(`create table \`tracker_webhook_secrets\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`account_id\` text not null, \`sealed_secret\` text not null);`);
    this.addSql(`create unique index \`tracker_webhook_secrets_account_id_unique\` on \`tracker_webhook_secrets\` (\`account_id\`);`);

    this.addSql(`alter table \`follow_ups\` add column \`tracker_account_id\` text null;`);
    this.addSql(`create index \`follow_ups_tracker_account_id_index\` on \`follow_ups\` (\`tracker_account_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`incident_type_tracker_settings\`;`);
    this.addSql(`drop table if exists \`tracker_webhook_secrets\`;`);

    this.addSql(`drop index \`follow_ups_tracker_account_id_index\`;`);
    this.addSql(`alter table \`follow_ups\` drop column \`tracker_account_id\`;`);
  }

}
