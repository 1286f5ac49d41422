import { Migration } from '@mikro-orm/migrations';

export class Migration20261130224717_public_postmortems extends Migration {

  override name = 'Migration20261130224717_public_postmortems';

  override up(): void | Promise<void> {
    this.addSql(`create table \`public_postmortems\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`postmortem_id\` text not null, \`token_hash\` text not null, \`html\` text not null, \`sections\` json not null, \`redaction\` json not null, \`published_by_id\` text null, \`revoked_at\` datetime null, \`revoked_by_id\` text null, constraint \`public_postmortems_postmortem_id_foreign\` foreign key (\`postmortem_id\`) references \`postmortems\` (\`id\`) on delete cascade, constraint \`public_postmortems_published_by_id_foreign\` foreign key (\`published_by_id\`) references \`users\` (\`id\`) on delete set null, constraint \`public_postmortems_revoked_by_id_foreign\` foreign key (\`revoked_by_id\`) references \`users\` (\`id\`) on delete set null);`);
    this.addSql(`create index \`public_postmortems_postmortem_id_index\` on \`public_postmortems\` (\`postmortem_id\`);`);
    this.addSql(`create unique index \`public_postmortems_token_hash_unique\` on \`public_postmortems\` (\`token_hash\`);`);
    this.addSql(`create index \`public_postmortems_published_by_id_index\` on \`public_postmortems\` (\`published_by_id\`);`);
    this.addSql(`create index \`public_postmortems_revoked_by_id_index\` on \`public_postmortems\` (\`revoked_by_id\`);`);
    this.addSql(`create index \`public_postmortems_postmortem_id_revoked_at_index\` on \`public_postmortems\` (\`postmortem_id\`, \`revoked_at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`public_postmortems\`;`);
  }

}
