import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013535_incidents_people_access extends Migration {
  override name = 'Migration20261129013535_incidents_people_access';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "incident_fields" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(64) not null, "display_name" varchar(100) not null, "type" varchar(20) not null, "options" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "incident_fields" add constraint "incident_fields_name_unique" unique ("name");`,
    );

    this.addSql(
      `create table "incident_types" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(100) not null, "description" text null, "is_default" boolean not null default false, primary key ("id"));`,
    );
    this.addSql(`alter table "incident_types" add constraint "incident_types_name_unique" unique ("name");`);

    this.addSql(
      `create table "responder_types" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(100) not null, "description" text null, "one_person" boolean not null default false, primary key ("id"));`,
    );
    this.addSql(
      `alter table "responder_types" add constraint "responder_types_name_unique" unique ("name");`,
    );

    this.addSql(
      `create table "incident_responders" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "incident_id" uuid not null, "user_id" uuid not null, "role" varchar(30) not null default 'responder', "custom_type_id" uuid null, "last_activity_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "incident_responders" add constraint "incident_responders_incident_id_user_id_unique" unique ("incident_id", "user_id");`,
    );

    this.addSql(
      `create table "incident_impacts" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "incident_id" uuid not null, "description" text not null, "start_at" timestamptz not null, "end_at" timestamptz null, primary key ("id"));`,
    );

    this.addSql(`alter table "sessions" add "name" varchar(100) null;`);

    this.addSql(
      `alter table "incidents" add "commander_id" uuid null, add "created_by_id" uuid null, add "incident_type_id" uuid null, add "chat_channel_url" varchar(2000) null, add "meeting_url" varchar(2000) null, add "custom_fields" jsonb not null default '{}', add "responder_ids" jsonb not null default '[]';`,
    );
    // Keep existing commanders: free-text names become user references where a user has that name.
    this.addSql(
      `update "incidents" set "commander_id" = (select "u"."id" from "users" "u" where "u"."name" = "incidents"."commander_name" limit 1);`,
    );
    this.addSql(`alter table "incidents" drop column "commander_name";`);
    this.addSql(
      `alter table "incidents" add constraint "incidents_commander_id_foreign" foreign key ("commander_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "incidents" add constraint "incidents_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "incidents" add constraint "incidents_incident_type_id_foreign" foreign key ("incident_type_id") references "incident_types" ("id") on delete set null;`,
    );

    this.addSql(`alter table "timeline_entries" add "author_id" uuid null;`);
    this.addSql(
      `alter table "timeline_entries" add constraint "timeline_entries_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "incident_responders" add constraint "incident_responders_incident_id_foreign" foreign key ("incident_id") references "incidents" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "incident_responders" add constraint "incident_responders_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "incident_responders" add constraint "incident_responders_custom_type_id_foreign" foreign key ("custom_type_id") references "responder_types" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "incident_impacts" add constraint "incident_impacts_incident_id_foreign" foreign key ("incident_id") references "incidents" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "incidents" drop constraint "incidents_incident_type_id_foreign";`);
    this.addSql(
      `alter table "incident_responders" drop constraint "incident_responders_custom_type_id_foreign";`,
    );

    this.addSql(`drop table if exists "incident_fields" cascade;`);
    this.addSql(`drop table if exists "incident_types" cascade;`);
    this.addSql(`drop table if exists "responder_types" cascade;`);
    this.addSql(`drop table if exists "incident_responders" cascade;`);
    this.addSql(`drop table if exists "incident_impacts" cascade;`);

    this.addSql(`alter table "incidents" drop constraint "incidents_commander_id_foreign";`);
    this.addSql(`alter table "incidents" drop constraint "incidents_created_by_id_foreign";`);

    this.addSql(`alter table "timeline_entries" drop constraint "timeline_entries_author_id_foreign";`);

    this.addSql(
      `alter table "incidents" drop column "commander_id", drop column "created_by_id", drop column "incident_type_id", drop column "chat_channel_url", drop column "meeting_url", drop column "custom_fields", drop column "responder_ids";`,
    );
    this.addSql(`alter table "incidents" add "commander_name" varchar(200) null;`);

    this.addSql(`alter table "sessions" drop column "name";`);

    this.addSql(`alter table "timeline_entries" drop column "author_id";`);
  }
}
