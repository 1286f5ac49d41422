import { Migration } from '@mikro-orm/migrations';

/**
 * PostgreSQL refuses a tsvector over 1 MB ("string is too long for tsvector"), and `search_vector` is generated in
 * the same statement that stores a document: a postmortem with ~2 MB of text could not be saved at all (found by
 * the C3 benchmark's 2 MB case). The vector now covers the first 200 000 characters of the text, which keeps it
 * under the limit even for text of one-letter words (each lexeme costs ≈ 8 bytes) and is ~30 000 words: every
 * realistic postmortem entirely. SQLite's FTS5 has no such limit and is unchanged.
 */
export class Migration20261201041500_search_text_cap extends Migration {
  override name = 'Migration20261201041500_search_text_cap';

  override up(): void | Promise<void> {
    this.addSql(`drop index if exists "documents_search_vector_gin";`);
    this.addSql(`alter table "documents" drop column if exists "search_vector";`);
    this.addSql(
      `alter table "documents" add column "search_vector" tsvector generated always as (to_tsvector('simple', left(coalesce("text", ''), 200000))) stored;`,
    );
    this.addSql(`create index "documents_search_vector_gin" on "documents" using gin ("search_vector");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "documents_search_vector_gin";`);
    this.addSql(`alter table "documents" drop column if exists "search_vector";`);
    this.addSql(
      `alter table "documents" add column "search_vector" tsvector generated always as (to_tsvector('simple', coalesce("text", ''))) stored;`,
    );
    this.addSql(`create index "documents_search_vector_gin" on "documents" using gin ("search_vector");`);
  }
}
