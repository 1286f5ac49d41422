import { Migration } from '@mikro-orm/migrations';

export class Migration20261130184550_review_process extends Migration {

  override name = 'Migration20261130184550_review_process';

  override up(): void | Promise<void> {
    this.addSql(`create table "review_process_definitions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "incident_type_id" uuid not null, "steps" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "review_process_definitions" add constraint "review_process_definitions_incident_type_id_unique" unique ("incident_type_id");`);

    this.addSql(`create table "review_steps" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "postmortem_id" uuid not null, "key" varchar(40) not null, "name" varchar(200) not null, "owner_role" varchar(60) not null, "owner_id" uuid null, "required" boolean not null, "due_date" varchar(10) not null, "time_zone" varchar(64) not null, "due_at" timestamptz not null, "status" varchar(10) not null default 'open', "changed_at" timestamptz null, "changed_by_id" uuid null, "position" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "review_steps" add constraint "review_steps_postmortem_id_key_unique" unique ("postmortem_id", "key");`);

    this.addSql(`create table "review_meetings" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "postmortem_id" uuid not null, "uid" varchar(200) not null, "start_at" timestamptz not null, "end_at" timestamptz not null, "location" varchar(500) null, "organizer_id" uuid null, "sequence" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "review_meetings" add constraint "review_meetings_postmortem_id_unique" unique ("postmortem_id");`);

    this.addSql(`alter table "users" add "time_zone" varchar(64) not null default 'UTC';`);

    this.addSql(`alter table "review_process_definitions" add constraint "review_process_definitions_incident_type_id_foreign" foreign key ("incident_type_id") references "incident_types" ("id") on delete cascade;`);

    this.addSql(`alter table "review_steps" add constraint "review_steps_postmortem_id_foreign" foreign key ("postmortem_id") references "postmortems" ("id") on delete cascade;`);
    this.addSql(`alter table "review_steps" add constraint "review_steps_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "review_steps" add constraint "review_steps_changed_by_id_foreign" foreign key ("changed_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "review_meetings" add constraint "review_meetings_postmortem_id_foreign" foreign key ("postmortem_id") references "postmortems" ("id") on delete cascade;`);
    this.addSql(`alter table "review_meetings" add constraint "review_meetings_organizer_id_foreign" foreign key ("organizer_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "review_process_definitions" cascade;`);
    this.addSql(`drop table if exists "review_steps" cascade;`);
    this.addSql(`drop table if exists "review_meetings" cascade;`);

    this.addSql(`alter table "users" drop column "time_zone";`);
  }

}
