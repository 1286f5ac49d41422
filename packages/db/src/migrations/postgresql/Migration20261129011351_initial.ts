import { Migration } from '@mikro-orm/migrations';

export class Migration20261129011351_initial extends Migration {
  override name = 'Migration20261129011351_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "documents" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "y_state" bytea not null, "json" jsonb not null, "text" text not null, "version" int not null default 1, primary key ("id"));`,
    );

    this.addSql(
      `create table "incidents" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "public_id" int not null, "title" varchar(300) not null, "severity" varchar(20) not null, "status" varchar(20) not null, "visibility" varchar(20) not null default 'organization', "summary" text null, "commander_name" varchar(200) null, "detected_at" timestamptz null, "resolved_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "incidents" add constraint "incidents_public_id_unique" unique ("public_id");`);

    this.addSql(
      `create table "templates" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "content" text not null, "destination" varchar(20) not null default 'notebook', "incident_type" varchar(100) null, "is_default" boolean not null default false, primary key ("id"));`,
    );

    this.addSql(
      `create table "timeline_entries" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "incident_id" uuid not null, "kind" varchar(20) not null default 'note', "content" text not null, "important" boolean not null default false, "author_name" varchar(200) null, "occurred_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "timeline_entries_incident_id_occurred_at_index" on "timeline_entries" ("incident_id", "occurred_at");`,
    );

    this.addSql(
      `create table "users" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(320) not null, "name" varchar(200) not null, "handle" varchar(100) not null, "role" varchar(20) not null, "password_hash" varchar(300) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`alter table "users" add constraint "users_handle_unique" unique ("handle");`);

    this.addSql(
      `create table "sessions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "kind" varchar(20) not null default 'session', "expires_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "postmortems" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "incident_id" uuid not null, "template_id" uuid null, "title" varchar(300) not null, "destination" varchar(20) not null, "generation_state" varchar(20) not null default 'queued', "progress" int not null default 0, "failure_reason" text null, "attempts" int not null default 0, "status" varchar(20) not null default 'draft', "owner_id" uuid null, "requested_by_id" uuid not null, "idempotency_key" varchar(200) null, "document_id" uuid null, "url" text null, "removed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "postmortems" add constraint "postmortems_document_id_unique" unique ("document_id");`,
    );
    this.addSql(
      `alter table "postmortems" add constraint "postmortems_requested_by_id_idempotency_key_unique" unique ("requested_by_id", "idempotency_key");`,
    );

    this.addSql(
      `alter table "timeline_entries" add constraint "timeline_entries_incident_id_foreign" foreign key ("incident_id") references "incidents" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "postmortems" add constraint "postmortems_incident_id_foreign" foreign key ("incident_id") references "incidents" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "postmortems" add constraint "postmortems_template_id_foreign" foreign key ("template_id") references "templates" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "postmortems" add constraint "postmortems_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "postmortems" add constraint "postmortems_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id");`,
    );
    this.addSql(
      `alter table "postmortems" add constraint "postmortems_document_id_foreign" foreign key ("document_id") references "documents" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "postmortems" drop constraint "postmortems_document_id_foreign";`);
    this.addSql(`alter table "timeline_entries" drop constraint "timeline_entries_incident_id_foreign";`);
    this.addSql(`alter table "postmortems" drop constraint "postmortems_incident_id_foreign";`);
    this.addSql(`alter table "postmortems" drop constraint "postmortems_template_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);
    this.addSql(`alter table "postmortems" drop constraint "postmortems_owner_id_foreign";`);
    this.addSql(`alter table "postmortems" drop constraint "postmortems_requested_by_id_foreign";`);

    this.addSql(`drop table if exists "documents" cascade;`);
    this.addSql(`drop table if exists "incidents" cascade;`);
    this.addSql(`drop table if exists "templates" cascade;`);
    this.addSql(`drop table if exists "timeline_entries" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "postmortems" cascade;`);
  }
}
