import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013634_document_versions_comments extends Migration {
  override name = 'Migration20261129013634_document_versions_comments';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "document_versions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "document_id" uuid not null, "kind" varchar(20) not null, "name" varchar(200) null, "document_version" int not null, "y_state" bytea not null, "json" jsonb not null, "text" text not null, "created_by_id" uuid null, "created_by_name" varchar(200) null, "restored_from_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `create index "document_versions_document_id_created_at_index" on "document_versions" ("document_id", "created_at");`,
    );

    this.addSql(`alter table "documents" add "comment_count" int not null default 0;`);

    this.addSql(
      `alter table "document_versions" add constraint "document_versions_document_id_foreign" foreign key ("document_id") references "documents" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "document_versions" cascade;`);

    this.addSql(`alter table "documents" drop column "comment_count";`);
  }
}
