import { Migration } from '@mikro-orm/migrations';

export class Migration20261130185305_review_approvals extends Migration {

  override name = 'Migration20261130185305_review_approvals';

  override up(): void | Promise<void> {
    this.addSql(`create table \`postmortem_reviews\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`postmortem_id\` text not null, \`reviewer_id\` text not null, \`decision\` text not null default 'pending', \`comment\` text not null default '', \`requested_at\` datetime null, \`decided_at\` datetime null, \`doc_version\` integer null, \`stale_recorded\` integer not null default false, constraint \`postmortem_reviews_postmortem_id_foreign\` foreign key (\`postmortem_id\`) references \`postmortems\` (\`id\`) on delete cascade, constraint \`postmortem_reviews_reviewer_id_foreign\` foreign key (\`reviewer_id\`) references \`users\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`postmortem_reviews_postmortem_id_index\` on \`postmortem_reviews\` (\`postmortem_id\`);`);
    this.addSql(`create index \`postmortem_reviews_reviewer_id_index\` on \`postmortem_reviews\` (\`reviewer_id\`);`);
    this.addSql(`create unique index \`postmortem_reviews_postmortem_id_reviewer_id_unique\` on \`postmortem_reviews\` (\`postmortem_id\`, \`reviewer_id\`);`);

    this.addSql(`alter table \`incident_types\` add column \`review_rule\` json null;`);

    this.addSql(`alter table \`postmortems\` add column \`review_rule\` json null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`postmortem_reviews\`;`);

    this.addSql(`alter table \`incident_types\` drop column \`review_rule\`;`);

    this.addSql(`alter table \`postmortems\` drop column \`review_rule\`;`);
  }

}
