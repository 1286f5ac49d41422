import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123724_connected_accounts extends Migration {

  override name = 'Migration20261130123724_connected_accounts';

  override up(): void | Promise<void> {
    this.addSql(`create table "connected_accounts" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" varchar(40) not null, "name" varchar(100) not null, "public_config" jsonb not null, "secret_sealed" text not null, "created_by_id" uuid null, "last_test_ok" boolean null, "last_test_at" timestamptz null, "last_test_message" varchar(1000) null, primary key ("id"));`);
    this.addSql(`alter table "connected_accounts" add constraint "connected_accounts_name_unique" unique ("name");`);

    this.addSql(`alter table "connected_accounts" add constraint "connected_accounts_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "connected_accounts" cascade;`);
  }

}
