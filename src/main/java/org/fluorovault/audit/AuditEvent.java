package org.fluorovault.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit event: what happened (event ID, optional type code, action, outcome), who did it
 * (user, role, source address), to what (patient, procedure, study) and when. {@code time} may be
 * null: the trail then stamps the time of recording. Build one with {@link #of(AuditEventType)}.
 */
public record AuditEvent(
        AuditEventType eventId,
        AuditEventTypeCode typeCode,
        AuditAction action,
        AuditOutcome outcome,
        String user,
        String role,
        String sourceAddress,
        String patientId,
        String procedureId,
        String studyUid,
        String detail,
        Instant time) {
    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        if (action == null) action = eventId.defaultAction();
        if (outcome == null) outcome = AuditOutcome.SUCCESS;
    }

    public static Builder of(AuditEventType eventId) {
        return new Builder(eventId);
    }

    /** A copy stamped with the given time. */
    public AuditEvent at(Instant t) {
        return new AuditEvent(
                eventId,
                typeCode,
                action,
                outcome,
                user,
                role,
                sourceAddress,
                patientId,
                procedureId,
                studyUid,
                detail,
                t);
    }

    /** Fluent builder; unset fields stay null, action defaults to the event ID's, outcome to success. */
    public static final class Builder {
        private final AuditEventType eventId;
        private AuditEventTypeCode typeCode;
        private AuditAction action;
        private AuditOutcome outcome;
        private String user, role, sourceAddress, patientId, procedureId, studyUid, detail;
        private Instant time;

        private Builder(AuditEventType eventId) {
            this.eventId = Objects.requireNonNull(eventId);
        }

        public Builder typeCode(AuditEventTypeCode v) {
            typeCode = v;
            return this;
        }

        public Builder action(AuditAction v) {
            action = v;
            return this;
        }

        public Builder outcome(AuditOutcome v) {
            outcome = v;
            return this;
        }

        public Builder user(String v) {
            user = v;
            return this;
        }

        public Builder role(String v) {
            role = v;
            return this;
        }

        public Builder sourceAddress(String v) {
            sourceAddress = v;
            return this;
        }

        public Builder patientId(String v) {
            patientId = v;
            return this;
        }

        public Builder procedureId(String v) {
            procedureId = v;
            return this;
        }

        public Builder studyUid(String v) {
            studyUid = v;
            return this;
        }

        public Builder detail(String v) {
            detail = v;
            return this;
        }

        public Builder time(Instant v) {
            time = v;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(
                    eventId,
                    typeCode,
                    action,
                    outcome,
                    user,
                    role,
                    sourceAddress,
                    patientId,
                    procedureId,
                    studyUid,
                    detail,
                    time);
        }
    }
}
