import { Migration } from '@mikro-orm/migrations';

export class Migration20261130185305_review_approvals extends Migration {

  override name = 'Migration20261130185305_review_approvals';

  override up(): void | Promise<void> {
    this.addSql(`create table "postmortem_reviews" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "postmortem_id" uuid not null, "reviewer_id" uuid not null, "decision" varchar(20) not null default 'pending', "comment" text not null default '', "requested_at" timestamptz null, "decided_at" timestamptz null, "doc_version" int null, "stale_recorded" boolean not null default false, primary key ("id"));`);
    this.addSql(`alter table "postmortem_reviews" add constraint "postmortem_reviews_postmortem_id_reviewer_id_unique" unique ("postmortem_id", "reviewer_id");`);

    this.addSql(`alter table "incident_types" add "review_rule" jsonb null;`);

    this.addSql(`alter table "postmortems" add "review_rule" jsonb null;`);

    this.addSql(`alter table "postmortem_reviews" add constraint "postmortem_reviews_postmortem_id_foreign" foreign key ("postmortem_id") references "postmortems" ("id") on delete cascade;`);
    this.addSql(`alter table "postmortem_reviews" add constraint "postmortem_reviews_reviewer_id_foreign" foreign key ("reviewer_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "postmortem_reviews" cascade;`);

    this.addSql(`alter table "incident_types" drop column "review_rule";`);

    this.addSql(`alter table "postmortems" drop column "review_rule";`);
  }

}
