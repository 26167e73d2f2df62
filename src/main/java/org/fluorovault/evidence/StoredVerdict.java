package org.fluorovault.evidence;

/** A verdict as it was given and stored: which procedure version it judged and who asked. */
public record StoredVerdict(long id, long procedureId, int procedureVersion, String evaluatedBy, Verdict verdict) {}
