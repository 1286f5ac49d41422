import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013239_template_settings_defaults extends Migration {
  override name = 'Migration20261129013239_template_settings_defaults';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "templates" add "confluence_settings" jsonb null, add "google_docs_settings" jsonb null, add "default_at" timestamptz null, add "last_modified_by_id" uuid null;`,
    );
    this.addSql(
      `alter table "templates" add constraint "templates_last_modified_by_id_foreign" foreign key ("last_modified_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `create index "templates_incident_type_default_at_index" on "templates" ("incident_type", "default_at");`,
    );
    // Existing defaults keep being defaults: their "marked default" time is their last change.
    this.addSql(`update "templates" set "default_at" = "updated_at" where "is_default" = true;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "templates" drop constraint "templates_last_modified_by_id_foreign";`);

    this.addSql(`drop index "templates_incident_type_default_at_index";`);
    this.addSql(
      `alter table "templates" drop column "confluence_settings", drop column "google_docs_settings", drop column "default_at", drop column "last_modified_by_id";`,
    );
  }
}
