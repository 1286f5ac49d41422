import { Migration } from '@mikro-orm/migrations';

export class Migration20261130224527_learnings extends Migration {

  override name = 'Migration20261130224527_learnings';

  override up(): void | Promise<void> {
    this.addSql(`create table "org_settings" ("key" varchar(100) not null, "value" jsonb not null, "updated_at" timestamptz not null, primary key ("key"));`);

    this.addSql(`create table "contributing_factors" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "postmortem_id" uuid not null, "category" varchar(60) not null, "description" text not null, "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "contributing_factors_category_index" on "contributing_factors" ("category");`);
    this.addSql(`create index "contributing_factors_postmortem_id_created_at_index" on "contributing_factors" ("postmortem_id", "created_at");`);

    this.addSql(`alter table "timeline_entries" add "tags" jsonb not null default '[]';`);

    this.addSql(`alter table "contributing_factors" add constraint "contributing_factors_postmortem_id_foreign" foreign key ("postmortem_id") references "postmortems" ("id") on delete cascade;`);
    this.addSql(`alter table "contributing_factors" add constraint "contributing_factors_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "org_settings" cascade;`);
    this.addSql(`drop table if exists "contributing_factors" cascade;`);

    this.addSql(`alter table "timeline_entries" drop column "tags";`);
  }

}
