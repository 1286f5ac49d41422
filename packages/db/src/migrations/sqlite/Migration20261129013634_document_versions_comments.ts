import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013634_document_versions_comments extends Migration {
  override name = 'Migration20261129013634_document_versions_comments';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`document_versions\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`document_id\` text not null, \`kind\` text not null, \`name\` text null, \`document_version\` integer not null, \`y_state\` blob not null, \`json\` json not null, \`text\` text not null, \`created_by_id\` text null, \`created_by_name\` text null, \`restored_from_id\` text null, constraint \`document_versions_document_id_foreign\` foreign key (\`document_id\`) references \`documents\` (\`id\`) on delete cascade);`,
    );
    this.addSql(
      `create index \`document_versions_document_id_index\` on \`document_versions\` (\`document_id\`);`,
    );
    this.addSql(
      `create index \`document_versions_document_id_created_at_index\` on \`document_versions\` (\`document_id\`, \`created_at\`);`,
    );

    this.addSql(`alter table \`documents\` add column \`comment_count\` integer not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`document_versions\`;`);

    this.addSql(`alter table \`documents\` drop column \`comment_count\`;`);
  }
}
