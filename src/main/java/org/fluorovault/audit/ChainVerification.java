package org.fluorovault.audit;

/**
 * Result of checking the hash chain from its first row.
 *
 * @param valid         every row links to its predecessor and ids have no gaps
 * @param checked       rows checked (up to and including the first broken one)
 * @param firstBrokenId id of the first row whose link is broken (or the first missing id); null when valid
 * @param reason        why that link is broken; null when valid
 * @param lastId        id of the last row read
 * @param lastHash      hash of the last row read: note it elsewhere to detect a truncated tail later
 */
public record ChainVerification(
        boolean valid, long checked, Long firstBrokenId, String reason, long lastId, String lastHash) {}
