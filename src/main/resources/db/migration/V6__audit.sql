-- Audit trail (issue 5): append-only, hash-chained audit events (docs/audit.md). The application
-- only ever inserts here. Portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE audit_event (
    id              BIGINT PRIMARY KEY,              -- 1, 2, 3, ... without gaps: a gap is a deleted row
    event_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id        VARCHAR(16) NOT NULL,            -- DCM code, e.g. 110112 Query
    event_type_code VARCHAR(16),                     -- DCM code, e.g. 110122 Login
    action_code     VARCHAR(1) NOT NULL,             -- C R U D E
    outcome         SMALLINT NOT NULL,               -- 0, 4, 8, 12
    user_id         VARCHAR(128),
    user_role       VARCHAR(64),
    source_address  VARCHAR(128),
    patient_id      VARCHAR(64),
    procedure_id    VARCHAR(64),
    study_uid       VARCHAR(64),
    detail          VARCHAR(1024),
    hash            VARCHAR(64) NOT NULL             -- SHA-256(previous hash + canonical row), hex
);
CREATE INDEX ix_audit_user ON audit_event(user_id);
CREATE INDEX ix_audit_patient ON audit_event(patient_id);
CREATE INDEX ix_audit_procedure ON audit_event(procedure_id);
CREATE INDEX ix_audit_time ON audit_event(event_time);

-- One row, only ever locked (SELECT ... FOR UPDATE) to serialise appends across processes.
CREATE TABLE audit_chain_lock (id INTEGER PRIMARY KEY);
INSERT INTO audit_chain_lock (id) VALUES (1);
