import { Migration } from '@mikro-orm/migrations';

export class Migration20261130224527_learnings extends Migration {

  override name = 'Migration20261130224527_learnings';

  override up(): void | Promise<void> {
    this.addSql(`create table \`org_settings\` (\`key\` text not null primary key, \`value\` json not null, \`updated_at\` datetime not null);`);

    this.addSql(`create table \`contributing_factors\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`postmortem_id\` text not null, \`category\` text not null, \`description\` text not null, \`created_by_id\` text null, constraint \`contributing_factors_postmortem_id_foreign\` foreign key (\`postmortem_id\`) references \`postmortems\` (\`id\`) on delete cascade, constraint \`contributing_factors_created_by_id_foreign\` foreign key (\`created_by_id\`) references \`users\` (\`id\`) on delete set null);`);
    this.addSql(`create index \`contributing_factors_postmortem_id_index\` on \`contributing_factors\` (\`postmortem_id\`);`);
    this.addSql(`create index \`contributing_factors_category_index\` on \`contributing_factors\` (\`category\`);`);
    this.addSql(`create index \`contributing_factors_created_by_id_index\` on \`contributing_factors\` (\`created_by_id\`);`);
    this.addSql(`create index \`contributing_factors_postmortem_id_created_at_index\` on \`contributing_factors\` (\`postmortem_id\`, \`created_at\`);`);

    this.addSql(`alter table \`timeline_entries\` add column \`tags\` json not null default '[]';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`org_settings\`;`);
    this.addSql(`drop table if exists \`contributing_factors\`;`);

    this.addSql(`alter table \`timeline_entries\` drop column \`tags\`;`);
  }

}
