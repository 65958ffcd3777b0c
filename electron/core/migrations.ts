// Numbered schema migrations. Append only: a migration that shipped is never edited, because
// agents' databases already ran it. user_version records how far a database got.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'call journal and wrap-ups',
    sql: `
      CREATE TABLE calls (
        key          TEXT PRIMARY KEY,
        id           TEXT NOT NULL,
        direction    TEXT NOT NULL,
        number       TEXT,
        withheld     INTEGER NOT NULL DEFAULT 0,
        state        TEXT NOT NULL,
        outcome      TEXT,
        started_at   INTEGER NOT NULL,
        answered_at  INTEGER,
        ended_at     INTEGER,
        seen         TEXT NOT NULL,
        match_e164   TEXT,
        match_suffix TEXT,
        updated_at   INTEGER NOT NULL
      );
      CREATE INDEX calls_started ON calls(started_at DESC);
      CREATE INDEX calls_e164 ON calls(match_e164);
      CREATE INDEX calls_suffix ON calls(match_suffix);
      CREATE TABLE wrapups (
        call_key  TEXT NOT NULL REFERENCES calls(key),
        revision  INTEGER NOT NULL,
        status    TEXT NOT NULL,
        comments  TEXT NOT NULL,
        saved_at  INTEGER NOT NULL,
        PRIMARY KEY (call_key, revision)
      );
      CREATE TABLE events (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        call_key  TEXT NOT NULL,
        type      TEXT NOT NULL,
        at        INTEGER NOT NULL,
        argv      TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'CRM outbox, discard journal and caller lookups',
    sql: `
      CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        call_key         TEXT NOT NULL,
        call_id          TEXT NOT NULL,
        kind             TEXT NOT NULL,
        chain            TEXT NOT NULL,
        revision         INTEGER NOT NULL,
        idempotency_key  TEXT NOT NULL UNIQUE,
        payload          TEXT NOT NULL,
        status           TEXT NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        failures         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER,
        last_error       TEXT,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        delivered_at     INTEGER
      );
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
      CREATE INDEX outbox_call ON outbox(call_key, chain, id);
      CREATE TABLE outbox_discards (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        outbox_id        INTEGER NOT NULL,
        call_key         TEXT NOT NULL,
        kind             TEXT NOT NULL,
        revision         INTEGER NOT NULL,
        idempotency_key  TEXT NOT NULL,
        previous_status  TEXT NOT NULL,
        last_error       TEXT,
        discarded_at     INTEGER NOT NULL
      );
      CREATE TABLE crm_lookups (
        call_key    TEXT PRIMARY KEY,
        state       TEXT NOT NULL,
        message     TEXT,
        updated_at  INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'contacts, their numbers, search index and the 3CX phonebook cache',
    // Numbers keep their E.164 form and their digits reversed: "the last N digits" is then a
    // prefix range on an index, whatever N matching.suffixDigits says today. Search runs on an
    // FTS5 trigram index over folded text (any part of a word, any script); detail=none
    // because LIKE needs no positions, and it halves the index and the time to build it.
    sql: `
      CREATE TABLE contacts (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        company      TEXT NOT NULL DEFAULT '',
        email        TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        source       TEXT NOT NULL,
        external_id  TEXT,
        pbx_id       TEXT,
        identity     TEXT NOT NULL,
        sort_key     TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      );
      CREATE INDEX contacts_identity ON contacts(identity);
      CREATE INDEX contacts_external ON contacts(external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX contacts_sort ON contacts(sort_key);
      CREATE TABLE contact_numbers (
        contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        label       TEXT NOT NULL,
        number      TEXT NOT NULL,
        e164        TEXT,
        rdigits     TEXT NOT NULL,
        PRIMARY KEY (contact_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX contact_numbers_e164 ON contact_numbers(e164);
      CREATE INDEX contact_numbers_rdigits ON contact_numbers(rdigits);
      CREATE VIRTUAL TABLE contacts_fts USING fts5(doc, tokenize = 'trigram', detail = none);
      CREATE TABLE phonebook_cache (
        number_key  TEXT PRIMARY KEY,
        answer      TEXT NOT NULL,
        fetched_at  INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'app state (missed calls seen), the missed-calls index, 3CX phonebook search cache',
    // The missed count is "calls that ended missed after the agent last looked": a partial
    // index on that moment makes it an index range. Phonebook search answers are kept for the day, keyed by
    // the digits asked for.
    sql: `
      CREATE TABLE app_state (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
      CREATE INDEX calls_missed ON calls(COALESCE(ended_at, started_at)) WHERE outcome = 'missed';
      CREATE TABLE phonebook_search_cache (
        query_key   TEXT PRIMARY KEY,
        answer      TEXT NOT NULL,
        fetched_at  INTEGER NOT NULL
      );
    `,
  },
];
