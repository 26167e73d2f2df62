package org.fluorovault.evidence;

/** Which ICD-10-CM codes support medical necessity, and the list's source and version (cited by rule R9). */
public interface DiagnosisCoverage {
    boolean isCovered(String icd10Code);

    String source();
}
