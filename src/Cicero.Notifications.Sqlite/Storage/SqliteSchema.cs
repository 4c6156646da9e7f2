namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>
/// The schema as a list of migrations from version 1. Append new versions; never edit a shipped one (a database that
/// applied it would not get the change). Each runs in the same BEGIN IMMEDIATE transaction that records it.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        (1, """
            CREATE TABLE messages (
                id BLOB NOT NULL PRIMARY KEY,
                borrower_id TEXT NOT NULL,
                type TEXT NOT NULL,
                protocol TEXT NOT NULL,
                culture TEXT NOT NULL,
                status INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                changed_at INTEGER NOT NULL,
                attempt_count INTEGER NOT NULL,
                next_attempt_at INTEGER NULL,
                failure_kind INTEGER NULL,
                failure_reason TEXT NULL,
                is_held INTEGER NOT NULL,
                is_anonymized INTEGER NOT NULL,
                is_dismissed INTEGER NOT NULL,
                is_handled_manually INTEGER NOT NULL,
                provider_message_id TEXT NULL,
                idempotency_key TEXT NULL,
                recipient_kind INTEGER NULL,
                recipient TEXT NULL,
                subject TEXT NULL,
                body TEXT NULL,
                html_body TEXT NULL,
                template_data TEXT NULL,
                history TEXT NOT NULL,
                version INTEGER NOT NULL,
                lease_owner TEXT NULL,
                lease_until INTEGER NULL,
                claim_count INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX ix_messages_borrower ON messages (borrower_id, created_at DESC, id DESC);
            CREATE INDEX ix_messages_queue ON messages (created_at, id) WHERE status = 2 AND is_dismissed = 0;
            CREATE INDEX ix_messages_due ON messages (next_attempt_at, id) WHERE status = 0 AND is_held = 0;
            CREATE INDEX ix_messages_anonymize ON messages (created_at) WHERE is_anonymized = 0;

            CREATE TABLE idempotency_keys (
                key TEXT NOT NULL PRIMARY KEY,
                message_ids BLOB NOT NULL,
                created_at INTEGER NOT NULL
            );

            CREATE TABLE borrower_profiles (
                borrower_id TEXT NOT NULL PRIMARY KEY,
                cpr TEXT NULL,
                cvr TEXT NULL,
                preferred_culture TEXT NULL,
                opt_ins TEXT NOT NULL,
                version INTEGER NOT NULL
            );

            CREATE TABLE contact_points (
                borrower_id TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                value TEXT NOT NULL,
                purpose INTEGER NOT NULL,
                source INTEGER NOT NULL,
                added_at INTEGER NOT NULL,
                verified_at INTEGER NULL,
                verification_started_at INTEGER NOT NULL,
                token_hash TEXT NULL,
                PRIMARY KEY (borrower_id, ordinal)
            );
            CREATE INDEX ix_contact_points_token ON contact_points (token_hash) WHERE token_hash IS NOT NULL;
            CREATE INDEX ix_contact_points_awaiting ON contact_points (verification_started_at) WHERE kind = 1 AND purpose = 0 AND verified_at IS NULL;
            """),
        (2, """
            CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
            """),
        (3, """
            CREATE INDEX ix_messages_held ON messages (borrower_id) WHERE is_held = 1;
            """),
        (4, """
            ALTER TABLE messages ADD COLUMN send_started INTEGER NOT NULL DEFAULT 0;
            -- Before version 4 a lease did not say whether its send began: count every leased message as begun.
            UPDATE messages SET send_started = 1 WHERE lease_owner IS NOT NULL;
            ALTER TABLE messages DROP COLUMN claim_count;
            """),
        (5, """
            -- Delivery receipts find their message by the provider's id; those that arrive first wait in unmatched_receipts.
            CREATE INDEX ix_messages_provider ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL;
            CREATE TABLE unmatched_receipts (
                protocol TEXT NOT NULL,
                provider_message_id TEXT NOT NULL,
                outcome INTEGER NOT NULL,
                reported_at INTEGER NOT NULL,
                reason TEXT NULL,
                received_at INTEGER NOT NULL,
                PRIMARY KEY (protocol, provider_message_id, outcome)
            );
            CREATE INDEX ix_unmatched_receipts_received ON unmatched_receipts (received_at);
            """),
        (6, """
            -- The notification a message belongs to (its first message's id), for automatic fallback. Messages stored before
            -- keep NULL and never fall back. Only messages that are not their notification's first are indexed.
            ALTER TABLE messages ADD COLUMN notification_id BLOB NULL;
            CREATE INDEX ix_messages_notification ON messages (notification_id) WHERE notification_id <> id;
            """),
        (7, """
            -- The notifications a digest message gathers (their idempotency keys and arrival times, as JSON); NULL for a
            -- message that is not a digest, as every message stored before is.
            ALTER TABLE messages ADD COLUMN digest_items TEXT NULL;
            """),
        (8, """
            -- The code of the branch a notification concerns (the pickup or home library); NULL for none, as every message
            -- stored before has.
            ALTER TABLE messages ADD COLUMN branch TEXT NULL;
            """),
        (9, """
            -- Print runs of letters (collected protocols), kept for reprints until the retention period ends. The letters
            -- waiting for a run are found through ix_messages_due.
            CREATE TABLE letter_runs (
                id BLOB NOT NULL PRIMARY KEY,
                protocol TEXT NOT NULL,
                branch TEXT NULL,
                culture TEXT NOT NULL,
                collected_at INTEGER NOT NULL,
                message_ids BLOB NOT NULL
            );
            CREATE INDEX ix_letter_runs_collected ON letter_runs (collected_at);
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;
}
