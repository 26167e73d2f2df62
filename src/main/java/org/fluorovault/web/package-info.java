/**
 * The browser application's shell: pages (one layout), the session, {@code /api/vocabulary}, request limits and the
 * storage-issues admin API. Nothing depends on it.
 *
 * <p><b>Tables:</b> none. <b>Events:</b> none.
 */
package org.fluorovault.web;
