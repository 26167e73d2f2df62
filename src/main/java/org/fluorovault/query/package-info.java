/**
 * The archive's read side: C-FIND/C-MOVE/C-GET (Query/Retrieve), QIDO-RS and WADO-RS. By design it reads the
 * archive's tables directly (the one exception in {@code TableOwnershipTest}).
 *
 * <p><b>API:</b> {@link org.fluorovault.query.QueryRetrieveScp}, {@link org.fluorovault.query.QidoService},
 * {@link org.fluorovault.query.QueryKeys} (also used by the worklist).
 *
 * <p><b>Tables:</b> none of its own; reads {@code patient}, {@code study}, {@code series}, {@code instance}.
 * <b>Events:</b> none.
 */
package org.fluorovault.query;
