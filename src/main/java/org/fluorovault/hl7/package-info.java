/**
 * The HL7 v2.5.1 interface (MLLP): orders (ORM/OMG) and patient updates (ADT) become procedure record changes through
 * {@code procedure.ProcedureService} only; changes to SIGNED records are held for a person.
 *
 * <p><b>API:</b> {@link org.fluorovault.hl7.Hl7Listener}, {@link org.fluorovault.hl7.Hl7Properties},
 * {@link org.fluorovault.hl7.HeldChange}.
 *
 * <p><b>Tables:</b> {@code hl7_held_change}. <b>Events:</b> none of its own.
 */
package org.fluorovault.hl7;
