import { Migration } from '@mikro-orm/migrations';

export class Migration20261130224717_public_postmortems extends Migration {

  override name = 'Migration20261130224717_public_postmortems';

  override up(): void | Promise<void> {
    this.addSql(`create table "public_postmortems" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "postmortem_id" uuid not null, "token_hash" varchar(64) not null, "html" text not null, "sections" jsonb not null, "redaction" jsonb not null, "published_by_id" uuid null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "public_postmortems" add constraint "public_postmortems_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "public_postmortems_postmortem_id_revoked_at_index" on "public_postmortems" ("postmortem_id", "revoked_at");`);

    this.addSql(`alter table "public_postmortems" add constraint "public_postmortems_postmortem_id_foreign" foreign key ("postmortem_id") references "postmortems" ("id") on delete cascade;`);
    this.addSql(`alter table "public_postmortems" add constraint "public_postmortems_published_by_id_foreign" foreign key ("published_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "public_postmortems" add constraint "public_postmortems_revoked_by_id_foreign" foreign key ("revoked_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "public_postmortems" cascade;`);
  }

}
