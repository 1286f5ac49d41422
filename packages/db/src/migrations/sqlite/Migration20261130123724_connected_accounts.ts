import { Migration } from '@mikro-orm/migrations';

export class Migration20261130123724_connected_accounts extends Migration {

  override name = 'Migration20261130123724_connected_accounts';

  override up(): void | Promise<void> {
    this.addSql(`create table \`connected_accounts\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`kind\` text not null, \`name\` text not null, \`public_config\` json not null, \`secret_sealed\` text not null, \`created_by_id\` text null, \`last_test_ok\` integer null, \`last_test_at\` datetime null, \`last_test_message\` text null, constraint \`connected_accounts_created_by_id_foreign\` foreign key (\`created_by_id\`) references \`users\` (\`id\`) on delete set null);`);
    this.addSql(`create unique index \`connected_accounts_name_unique\` on \`connected_accounts\` (\`name\`);`);
    this.addSql(`create index \`connected_accounts_created_by_id_index\` on \`connected_accounts\` (\`created_by_id\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`connected_accounts\`;`);
  }

}
