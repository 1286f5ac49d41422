import { Migration } from '@mikro-orm/migrations';

export class Migration20261130185151_notifications extends Migration {

  override name = 'Migration20261130185151_notifications';

  override up(): void | Promise<void> {
    this.addSql(`create table "event_cursors" ("name" varchar(60) not null, "seq" int not null, primary key ("name"));`);

    this.addSql(`create table "reminder_log" ("key" varchar(200) not null, "created_at" timestamptz not null, primary key ("key"));`);

    this.addSql(`create table "notification_settings" ("user_id" uuid not null, "email_enabled" boolean not null default true, "quiet_start" varchar(5) null, "quiet_end" varchar(5) null, "time_zone" varchar(64) not null default 'UTC', "updated_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`create table "notifications" ("id" uuid not null, "user_id" uuid not null, "event_id" uuid not null, "incident_id" uuid null, "kind" varchar(20) not null default 'event', "title" varchar(300) not null, "body" text not null default '', "link" varchar(1000) null, "read_at" timestamptz null, "email_state" varchar(10) not null default 'none', "emailed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "notifications_user_id_read_at_index" on "notifications" ("user_id", "read_at");`);
    this.addSql(`create index "notifications_user_id_created_at_index" on "notifications" ("user_id", "created_at");`);
    this.addSql(`alter table "notifications" add constraint "notifications_event_id_user_id_unique" unique ("event_id", "user_id");`);

    this.addSql(`alter table "notification_settings" add constraint "notification_settings_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "notifications" add constraint "notifications_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "event_cursors" cascade;`);
    this.addSql(`drop table if exists "reminder_log" cascade;`);
    this.addSql(`drop table if exists "notification_settings" cascade;`);
    this.addSql(`drop table if exists "notifications" cascade;`);
  }

}
