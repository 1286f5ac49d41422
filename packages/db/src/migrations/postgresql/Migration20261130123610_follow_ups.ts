import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123610_follow_ups extends Migration {

  override name = 'Migration20261130123610_follow_ups';

  override up(): void | Promise<void> {
    this.addSql(`create table "follow_ups" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "incident_id" uuid not null, "content" text not null, "assignee_ids" jsonb not null default '[]', "due_date" varchar(10) null, "status" varchar(10) not null default 'open', "completed_at" timestamptz null, "completed_by_id" uuid null, "created_by_id" uuid null, "modified_at" timestamptz not null, "modified_by_id" uuid null, "position" int not null default 0, "tracker_kind" varchar(10) null, "tracker_key" varchar(200) null, "tracker_url" varchar(2000) null, "tracker_state" varchar(20) null, "tracker_error" text null, primary key ("id"));`);
    this.addSql(`create index "follow_ups_incident_id_position_index" on "follow_ups" ("incident_id", "position");`);

    this.addSql(`alter table "follow_ups" add constraint "follow_ups_incident_id_foreign" foreign key ("incident_id") references "incidents" ("id") on delete cascade;`);
    this.addSql(`alter table "follow_ups" add constraint "follow_ups_completed_by_id_foreign" foreign key ("completed_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "follow_ups" add constraint "follow_ups_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "follow_ups" add constraint "follow_ups_modified_by_id_foreign" foreign key ("modified_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "follow_ups" cascade;`);
  }

}
