import { Migration } from '@mikro-orm/migrations';

/**
 * Full-text search: a tsvector generated from the document's plain text (always in sync with every store, in the
 * same statement) with a GIN index; titles are matched with `to_tsvector('simple', title)` (GIN expression index).
 * Plus `postmortems.completed_at` for the insights. The column and indexes are outside the entities
 * (schemaGenerator.skipColumns in config.ts).
 */
export class Migration20261130190000_search extends Migration {
  override name = 'Migration20261130190000_search';

  override up(): void | Promise<void> {
    this.addSql(`alter table "postmortems" add "completed_at" timestamptz null;`);
    this.addSql(
      `alter table "documents" add column "search_vector" tsvector generated always as (to_tsvector('simple', coalesce("text", ''))) stored;`,
    );
    this.addSql(`create index "documents_search_vector_gin" on "documents" using gin ("search_vector");`);
    this.addSql(
      `create index "postmortems_title_fts_gin" on "postmortems" using gin (to_tsvector('simple', "title"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "postmortems_title_fts_gin";`);
    this.addSql(`drop index if exists "documents_search_vector_gin";`);
    this.addSql(`alter table "documents" drop column if exists "search_vector";`);
    this.addSql(`alter table "postmortems" drop column "completed_at";`);
  }
}
