import type { Migration } from "./migrate.ts";

/**
 * iranpak's schema, one numbered step at a time. Never edit a step that has shipped: add one.
 * Steps only add (tables, columns, indexes), so a replica still running the previous version
 * keeps working during a rolling deploy.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "seen events, digest claims and state, question log, settings",
    sql: `
      -- Slack event ids already taken: a retry reaching any replica is answered once.
      CREATE TABLE seen_events (
        id text PRIMARY KEY,
        seen_at timestamptz NOT NULL
      );
      CREATE INDEX seen_events_seen_at ON seen_events (seen_at);

      -- A day's right to post a channel's digest: the primary key lets one replica have it.
      CREATE TABLE digest_claims (
        day text NOT NULL CHECK (day ~ '^\\d{4}-\\d{2}-\\d{2}$'),
        channel text NOT NULL,
        token uuid NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (day, channel)
      );

      -- Each channel's last digest: what it showed, so the next one says what is new.
      CREATE TABLE digest_channels (
        channel text PRIMARY KEY,
        last_posted_date text NOT NULL,
        posted_at text NOT NULL,
        ts text,
        snapshot jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Questions for the digest. Never a Slack user id: asker is a salted hash; the words are
      -- kept for mentions only (the CHECKs hold every writer to it).
      CREATE TABLE question_log (
        seq bigserial PRIMARY KEY,
        uid uuid NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        answered boolean NOT NULL,
        origin text CHECK (origin IN ('dm', 'command', 'mention')),
        channel text CHECK (channel IS NULL OR origin = 'mention'),
        asker text,
        topics jsonb NOT NULL DEFAULT '[]',
        text text CHECK (text IS NULL OR origin = 'mention'),
        -- The writing transaction: what a replica hasn't read yet is found by it (see
        -- question-log.ts), whatever order concurrent inserts commit in.
        xact xid8 NOT NULL DEFAULT pg_current_xact_id()
      );
      CREATE INDEX question_log_at ON question_log (at);
      CREATE INDEX question_log_xact ON question_log (xact);

      -- Values every replica must agree on, such as the question log's salt.
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "feedback votes, digest subscriptions, more pages, conversation turns",
    sql: `
      -- Helpful / Not helpful votes, one per person per answer. Never a Slack user id: voter
      -- is a salted hash (<salt id>.<hex>); the question's words and channel only for answers
      -- shown in a channel (the CHECKs hold every writer to it).
      CREATE TABLE feedback_votes (
        answer text NOT NULL,
        voter text NOT NULL CHECK (voter ~ '^[0-9a-f]+\\.[0-9a-f]+$'),
        helpful boolean NOT NULL,
        at timestamptz NOT NULL,
        origin text NOT NULL CHECK (origin IN ('dm', 'command', 'mention')),
        channel text CHECK (channel IS NULL OR origin = 'mention'),
        question text CHECK (question IS NULL OR origin = 'mention'),
        answered boolean NOT NULL,
        PRIMARY KEY (answer, voter)
      );
      CREATE INDEX feedback_votes_at ON feedback_votes (at);

      -- Channels subscribed with /iranpak digest subscribe, in the order they were added.
      CREATE TABLE digest_subscriptions (
        channel text PRIMARY KEY,
        seq bigserial NOT NULL
      );

      -- Each person's last question per channel, for /iranpak more: asker is a salted hash.
      -- Rows past expires_at are never read and are deleted on a later write.
      CREATE TABLE more_pages (
        channel text NOT NULL,
        asker text NOT NULL CHECK (asker ~ '^[0-9a-f]+\\.[0-9a-f]+$'),
        question text NOT NULL,
        next integer NOT NULL CHECK (next >= 0),
        at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (channel, asker)
      );
      CREATE INDEX more_pages_expires_at ON more_pages (expires_at);

      -- Each thread's and DM's last question, which a follow-up is read with; expires likewise.
      CREATE TABLE conversation_turns (
        conversation text PRIMARY KEY,
        question text NOT NULL,
        at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX conversation_turns_expires_at ON conversation_turns (expires_at);
    `,
  },
  {
    version: 3,
    name: "followed feeds and their poll state",
    sql: `
      -- Feeds followed through FEEDS ('config') or /iranpak feeds add ('command'). added_by is
      -- a salted hash, never a Slack user id. state is the feeds core's FeedState as it is;
      -- next_poll_at repeats its nextPollAt for the claim query's index.
      CREATE TABLE feeds (
        url text PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('config', 'command')),
        added_by text CHECK (added_by IS NULL OR added_by ~ '^[0-9a-f]+\\.[0-9a-f]+$'),
        added_at timestamptz NOT NULL,
        seq bigserial NOT NULL,
        state jsonb NOT NULL,
        next_poll_at timestamptz NOT NULL,
        -- A replica's claim on the feed for one poll; a claim past claimed_until is void, so
        -- a replica that dies mid-poll holds nothing for long.
        claim_token uuid,
        claimed_until timestamptz
      );
      CREATE INDEX feeds_next_poll_at ON feeds (next_poll_at);
    `,
  },
  {
    version: 4,
    name: "added articles and their tombstones",
    sql: `
      -- Articles added by URL, the message shortcut, the CLI or feeds: the source of truth every
      -- replica copies into its knowledge folder. seq is taken anew on every change (add,
      -- removal), so "what changed after n" is one indexed query; writers take an advisory lock
      -- so that seqs commit in order and a replica catching up never skips one.
      CREATE SEQUENCE article_changes;
      CREATE TABLE articles (
        id text PRIMARY KEY,
        url text NOT NULL,
        summary jsonb NOT NULL,
        text_hash text NOT NULL,
        minhash text NOT NULL,
        also_published_by jsonb NOT NULL DEFAULT '[]',
        file_name text NOT NULL,
        body text NOT NULL,
        removed boolean NOT NULL DEFAULT false,
        seq bigint NOT NULL DEFAULT nextval('article_changes')
      );
      CREATE INDEX articles_seq ON articles (seq);
      CREATE INDEX articles_url ON articles (url);

      -- Addresses removed by editors: never added again automatically.
      CREATE TABLE article_tombstones (
        url text PRIMARY KEY,
        removed_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 5,
    name: "where each added article came from",
    sql: `
      -- A feed's address, or a person (hand adds, the message shortcut, the CLI), for the list
      -- of recent hand adds. Articles stored before this step are read back from their file's
      -- added_by ("feed <url>" for feeds, a salted hash for people). A replica still on the
      -- previous version writes no added_from: its feed items count as hand adds until then.
      ALTER TABLE articles ADD COLUMN added_from jsonb NOT NULL DEFAULT '{"kind":"hand"}';
      UPDATE articles
      SET added_from = jsonb_build_object(
        'kind', 'feed',
        'feedUrl', substring(body FROM '\nadded_by: "?feed ([^"\n]+)"?\n')
      )
      WHERE body ~ '\nadded_by: "?feed [^"\n]+"?\n';
    `,
  },
];
