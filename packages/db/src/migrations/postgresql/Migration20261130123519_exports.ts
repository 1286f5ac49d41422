import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123519_exports extends Migration {

  override name = 'Migration20261130123519_exports';

  override up(): void | Promise<void> {
    this.addSql(`create table "exports" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "postmortem_id" uuid not null, "kind" varchar(20) not null, "state" varchar(20) not null default 'queued', "progress" int not null default 0, "requested_by_id" uuid not null, "target" jsonb null, "target_key" varchar(400) null, "external_id" varchar(200) null, "url" text null, "file_name" varchar(300) null, "content_type" varchar(100) null, "content" bytea null, "size" int null, "error" jsonb null, "attempts" int not null default 0, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "exports_postmortem_id_target_key_state_index" on "exports" ("postmortem_id", "target_key", "state");`);
    this.addSql(`create index "exports_postmortem_id_created_at_index" on "exports" ("postmortem_id", "created_at");`);

    this.addSql(`alter table "postmortems" add "external_id" varchar(200) null;`);

    this.addSql(`alter table "exports" add constraint "exports_postmortem_id_foreign" foreign key ("postmortem_id") references "postmortems" ("id") on delete cascade;`);
    this.addSql(`alter table "exports" add constraint "exports_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "exports" cascade;`);

    this.addSql(`alter table "postmortems" drop column "external_id";`);
  }

}
