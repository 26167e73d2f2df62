package org.fluorovault.security;

/** What a user of FluoroVault is allowed to do. */
public enum Role { ADMIN, TECHNOLOGIST, PHYSICIAN, AUDITOR }
