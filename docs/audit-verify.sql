-- Verifies the FluoroVault audit chain independently of FluoroVault (PostgreSQL 11+; docs/audit.md).
-- Run it in the archive's schema: psql -f docs/audit-verify.sql. No row: the chain is intact.
-- Otherwise the one row is the first broken link: its id and why.
-- escapes a value as the canonical line does; NULL becomes ''
CREATE OR REPLACE FUNCTION pg_temp.esc(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(replace(replace(replace(replace(v, '\', '\\'), '|', '\|'), chr(10), '\n'), chr(13), '\r'), '')
$$;
WITH c AS (
  SELECT id, hash,
         coalesce(lag(hash) OVER (ORDER BY id), repeat('0', 64)) AS prev,
         coalesce(lag(id) OVER (ORDER BY id), 0) AS prev_id,
         id || '|' || to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            || '|' || event_id || '|' || coalesce(event_type_code, '') || '|' || action_code || '|' || outcome
            || '|' || pg_temp.esc(user_id) || '|' || pg_temp.esc(user_role) || '|' || pg_temp.esc(source_address)
            || '|' || pg_temp.esc(patient_id) || '|' || pg_temp.esc(procedure_id) || '|' || pg_temp.esc(study_uid)
            || '|' || pg_temp.esc(detail) AS line
  FROM audit_event)
SELECT CASE WHEN id <> prev_id + 1 THEN prev_id + 1 ELSE id END AS first_broken_id,
       CASE WHEN id <> prev_id + 1 THEN 'row ' || (prev_id + 1) || ' is missing' ELSE 'hash mismatch' END AS reason
FROM c
WHERE id <> prev_id + 1 OR hash <> encode(sha256(convert_to(prev || line, 'UTF8')), 'hex')
ORDER BY id LIMIT 1;
