import { Migration } from '@mikro-orm/migrations';

export class Migration20261130151233_postmortem_header extends Migration {

  override name = 'Migration20261130151233_postmortem_header';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`documents\` add column \`last_editor_id\` text null;`);
    this.addSql(`alter table \`documents\` add column \`last_editor_name\` text null;`);

    this.addSql(`alter table \`postmortems\` add column \`template_name\` text null;`);

    // Backfill: existing postmortems keep their template's name; documents name whoever took their last snapshot.
    this.addSql(`update "postmortems" set "template_name" = (select "t"."name" from "templates" "t" where "t"."id" = "postmortems"."template_id") where "template_id" is not null;`);
    this.addSql(`update "documents" set "last_editor_id" = (select "v"."created_by_id" from "document_versions" "v" where "v"."document_id" = "documents"."id" and "v"."created_by_id" is not null order by "v"."created_at" desc limit 1), "last_editor_name" = (select "v"."created_by_name" from "document_versions" "v" where "v"."document_id" = "documents"."id" and "v"."created_by_id" is not null order by "v"."created_at" desc limit 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`documents\` drop column \`last_editor_id\`;`);
    this.addSql(`alter table \`documents\` drop column \`last_editor_name\`;`);

    this.addSql(`alter table \`postmortems\` drop column \`template_name\`;`);
  }

}
