import { Migration } from '@mikro-orm/migrations';

export class Migration20261130190402_webhooks extends Migration {

  override name = 'Migration20261130190402_webhooks';

  override up(): void | Promise<void> {

    this.addSql(`create table \`webhook_deliveries\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`endpoint_id\` text not null, \`event_id\` text not null, \`event_type\` text not null, \`incident_id\` text null, \`body\` text not null, \`status\` text not null default 'pending', \`attempts\` integer not null default 0, \`last_status_code\` integer null, \`last_error\` text null, \`last_duration_ms\` integer null, \`response_excerpt\` text null, \`last_attempt_at\` datetime null, \`delivered_at\` datetime null);`);
    this.addSql(`create index \`webhook_deliveries_status_updated_at_index\` on \`webhook_deliveries\` (\`status\`, \`updated_at\`);`);
    this.addSql(`create index \`webhook_deliveries_endpoint_id_created_at_index\` on \`webhook_deliveries\` (\`endpoint_id\`, \`created_at\`);`);
    this.addSql(`create unique index \`webhook_deliveries_event_id_endpoint_id_unique\` on \`webhook_deliveries\` (\`event_id\`, \`endpoint_id\`);`);

    this.addSql(`create table \`webhook_endpoints\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`url\` text not null, \`description\` text not null default '', \`event_types\` json not null, \`enabled\` integer not null default true, \`allow_private\` integer not null default false, \`secrets\` json not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`webhook_deliveries\`;`);
    this.addSql(`drop table if exists \`webhook_endpoints\`;`);
  }

}
