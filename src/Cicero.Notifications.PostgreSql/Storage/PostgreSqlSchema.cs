namespace Cicero.Notifications.PostgreSql.Storage;

/// <summary>
/// The schema as a list of migrations from version 1, created in the connection's current schema (the first entry of
/// its search path). Append new versions; never edit a shipped one. Each runs in the transaction that records it, under
/// an advisory lock, so hosts starting at once apply it once.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The advisory lock key that serializes migrations ("CiceroN" in ASCII).</summary>
    public const long MigrationLockKey = 0x43696365726F4E;

    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        (1, """
            CREATE TABLE messages (
                id uuid NOT NULL PRIMARY KEY,
                borrower_id text NOT NULL,
                type text NOT NULL,
                protocol text NOT NULL,
                culture text NOT NULL,
                status smallint NOT NULL,
                created_at timestamptz NOT NULL,
                changed_at timestamptz NOT NULL,
                attempt_count integer NOT NULL,
                next_attempt_at timestamptz NULL,
                failure_kind smallint NULL,
                failure_reason text NULL,
                is_held boolean NOT NULL,
                is_anonymized boolean NOT NULL,
                is_dismissed boolean NOT NULL,
                is_handled_manually boolean NOT NULL,
                provider_message_id text NULL,
                idempotency_key text NULL,
                recipient_kind smallint NULL,
                recipient text NULL,
                subject text NULL,
                body text NULL,
                html_body text NULL,
                template_data text NULL,
                history json NOT NULL,
                version bigint NOT NULL,
                lease_owner text NULL,
                lease_until timestamptz NULL
            );
            CREATE INDEX ix_messages_borrower ON messages (borrower_id, created_at DESC, id DESC);
            CREATE INDEX ix_messages_queue ON messages (created_at, id) WHERE status = 2 AND NOT is_dismissed;
            CREATE INDEX ix_messages_due ON messages (next_attempt_at, id) WHERE status = 0 AND NOT is_held;
            CREATE INDEX ix_messages_anonymize ON messages (created_at) WHERE NOT is_anonymized;

            CREATE TABLE idempotency_keys (
                key text NOT NULL PRIMARY KEY,
                message_ids uuid[] NOT NULL,
                created_at timestamptz NOT NULL
            );

            CREATE TABLE borrower_profiles (
                borrower_id text NOT NULL PRIMARY KEY,
                cpr text NULL,
                cvr text NULL,
                preferred_culture text NULL,
                opt_ins text[] NOT NULL,
                version bigint NOT NULL
            );

            CREATE TABLE contact_points (
                borrower_id text NOT NULL REFERENCES borrower_profiles (borrower_id) ON DELETE CASCADE,
                ordinal integer NOT NULL,
                kind smallint NOT NULL,
                value text NOT NULL,
                purpose smallint NOT NULL,
                source smallint NOT NULL,
                added_at timestamptz NOT NULL,
                verified_at timestamptz NULL,
                verification_started_at timestamptz NOT NULL,
                token_hash text NULL,
                PRIMARY KEY (borrower_id, ordinal)
            );
            CREATE INDEX ix_contact_points_token ON contact_points (token_hash) WHERE token_hash IS NOT NULL;
            CREATE INDEX ix_contact_points_awaiting ON contact_points (verification_started_at) WHERE kind = 1 AND purpose = 0 AND verified_at IS NULL;
            """),
        (2, """
            CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
            """),
        (3, """
            CREATE INDEX ix_messages_held ON messages ((borrower_id COLLATE "C")) WHERE is_held;
            """),
        (4, """
            ALTER TABLE messages ADD COLUMN send_started boolean NOT NULL DEFAULT false;
            -- Before version 4 a lease did not say whether its send began: count every leased message as begun.
            UPDATE messages SET send_started = true WHERE lease_owner IS NOT NULL;
            """),
        (5, """
            -- Delivery receipts find their message by the provider's id; those that arrive first wait in unmatched_receipts.
            CREATE INDEX ix_messages_provider ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL;
            CREATE TABLE unmatched_receipts (
                protocol text NOT NULL,
                provider_message_id text NOT NULL,
                outcome smallint NOT NULL,
                reported_at timestamptz NOT NULL,
                reason text NULL,
                received_at timestamptz NOT NULL,
                PRIMARY KEY (protocol, provider_message_id, outcome)
            );
            CREATE INDEX ix_unmatched_receipts_received ON unmatched_receipts (received_at);
            """),
        (6, """
            -- The notification a message belongs to (its first message's id), for automatic fallback. Messages stored before
            -- keep NULL and never fall back. Only messages that are not their notification's first are indexed.
            ALTER TABLE messages ADD COLUMN notification_id uuid NULL;
            CREATE INDEX ix_messages_notification ON messages (notification_id) WHERE notification_id <> id;
            """),
        (7, """
            -- The notifications a digest message gathers (their idempotency keys and arrival times, as JSON); NULL for a
            -- message that is not a digest, as every message stored before is.
            ALTER TABLE messages ADD COLUMN digest_items text NULL;
            """),
        (8, """
            -- The code of the branch a notification concerns (the pickup or home library); NULL for none, as every message
            -- stored before has.
            ALTER TABLE messages ADD COLUMN branch text NULL;
            """),
        (9, """
            -- Print runs of letters (collected protocols), kept for reprints until the retention period ends. The letters
            -- waiting for a run are found through ix_messages_due.
            CREATE TABLE letter_runs (
                id uuid NOT NULL PRIMARY KEY,
                protocol text NOT NULL,
                branch text NULL,
                culture text NOT NULL,
                collected_at timestamptz NOT NULL,
                message_ids uuid[] NOT NULL
            );
            CREATE INDEX ix_letter_runs_collected ON letter_runs (collected_at);
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;
}
