import { Migration } from '@mikro-orm/migrations';

export class Migration20261130190402_webhooks extends Migration {

  override name = 'Migration20261130190402_webhooks';

  override up(): void | Promise<void> {

    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "endpoint_id" uuid not null, "event_id" uuid not null, "event_type" varchar(60) not null, "incident_id" uuid null, "body" text not null, "status" varchar(20) not null default 'pending', "attempts" int not null default 0, "last_status_code" int null, "last_error" varchar(500) null, "last_duration_ms" int null, "response_excerpt" varchar(500) null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_status_updated_at_index" on "webhook_deliveries" ("status", "updated_at");`);
    this.addSql(`create index "webhook_deliveries_endpoint_id_created_at_index" on "webhook_deliveries" ("endpoint_id", "created_at");`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_event_id_endpoint_id_unique" unique ("event_id", "endpoint_id");`);

    this.addSql(`create table "webhook_endpoints" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "url" varchar(2000) not null, "description" varchar(500) not null default '', "event_types" jsonb not null, "enabled" boolean not null default true, "allow_private" boolean not null default false, "secrets" jsonb not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoints" cascade;`);
  }

}
