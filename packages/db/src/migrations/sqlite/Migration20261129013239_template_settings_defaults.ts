import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013239_template_settings_defaults extends Migration {
  override name = 'Migration20261129013239_template_settings_defaults';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`templates\` add column \`confluence_settings\` json null;`);
    this.addSql(`alter table \`templates\` add column \`google_docs_settings\` json null;`);
    this.addSql(`alter table \`templates\` add column \`default_at\` datetime null;`);
    this.addSql(
      `alter table \`templates\` add column \`last_modified_by_id\` text null constraint \`templates_last_modified_by_id_foreign\` references \`users\` (\`id\`) on delete set null;`,
    );
    this.addSql(
      `create index \`templates_last_modified_by_id_index\` on \`templates\` (\`last_modified_by_id\`);`,
    );
    this.addSql(
      `create index \`templates_incident_type_default_at_index\` on \`templates\` (\`incident_type\`, \`default_at\`);`,
    );
    // Existing defaults keep being defaults: their "marked default" time is their last change.
    this.addSql(`update \`templates\` set \`default_at\` = \`updated_at\` where \`is_default\` = 1;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`templates_last_modified_by_id_index\`;`);
    this.addSql(`drop index \`templates_incident_type_default_at_index\`;`);
    this.addSql(`alter table \`templates\` drop column \`confluence_settings\`;`);
    this.addSql(`alter table \`templates\` drop column \`google_docs_settings\`;`);
    this.addSql(`alter table \`templates\` drop column \`default_at\`;`);
    this.addSql(`alter table \`templates\` drop column \`last_modified_by_id\`;`);
  }
}
