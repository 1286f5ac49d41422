import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123749_tracker_sync extends Migration {

  override name = 'Migration20261130123749_tracker_sync';

  override up(): void | Promise<void> {
    this.addSql(`create table "incident_type_tracker_settings" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "incident_type_id" uuid not null, "account_id" uuid not null, "kind" varchar(20) not null, "jira" jsonb null, "github" jsonb null, "auto_export" boolean not null default false, "assignees" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "incident_type_tracker_settings" add constraint "incident_type_tracker_settings_incident_type_id_unique" unique ("incident_type_id");`);

    this.addSql(`create table "tracker_webhook_secrets" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "sealed_secret" text not null, primary key ("id"));`);
    this.addSql(`alter table "tracker_webhook_secrets" add constraint "tracker_webhook_secrets_account_id_unique" unique ("account_id");`);

    this.addSql(`alter table "follow_ups" add "tracker_account_id" uuid null;`);
    this.addSql(`create index "follow_ups_tracker_account_id_index" on "follow_ups" ("tracker_account_id");`);

    this.addSql(`alter table "incident_type_tracker_settings" add constraint "incident_type_tracker_settings_incident_type_id_foreign" foreign key ("incident_type_id") references "incident_types" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "incident_type_tracker_settings" cascade;`);
    this.addSql(`drop table if exists "tracker_webhook_secrets" cascade;`);

    this.addSql(`drop index "follow_ups_tracker_account_id_index";`);
    this.addSql(`alter table "follow_ups" drop column "tracker_account_id";`);
  }

}
