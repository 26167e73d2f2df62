package org.fluorovault.dicom.net.dimse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A DIMSE service an acceptor offers (storage, verification, query/retrieve, MPPS...): the SOP
 * classes it serves, the transfer syntaxes it accepts for each, and the handlers it registers on
 * the {@link DimseDispatcher} under (command field, SOP class). An acceptor derives from its
 * providers what it accepts in association negotiation ({@link #acceptedSyntaxes}) and where each
 * request goes; adding a service means adding a provider.
 * <p>
 * SCP/SCU role selections are not declared: an acceptor grants the roles a requestor proposes for
 * any SOP class it accepts (see {@code SimpleAssociationPolicy}), which is what C-GET needs.
 */
public interface DicomServiceProvider {

    /** The SOP classes (abstract syntaxes) served; not empty. */
    Set<String> sopClasses();

    /** The transfer syntaxes accepted for {@code sopClass}, one of {@link #sopClasses()}; not empty. */
    Set<String> transferSyntaxes(String sopClass);

    /** Registers the handlers of each served SOP class on {@code dispatcher}. */
    void registerOn(DimseDispatcher dispatcher);

    /** Starts background work (e.g. reports queued before a restart), before the acceptor listens. */
    default void start() {}

    /** Stops background work, after the acceptor has stopped listening; does nothing when not started. */
    default void stop() {}

    /**
     * Abstract syntax -> accepted transfer syntaxes of all {@code providers}, in their order; a SOP
     * class served by two providers is a configuration error (IllegalStateException).
     */
    static Map<String, Set<String>> acceptedSyntaxes(Collection<? extends DicomServiceProvider> providers) {
        Map<String, Set<String>> syntaxes = new LinkedHashMap<>();
        Map<String, DicomServiceProvider> owner = new LinkedHashMap<>();
        for (DicomServiceProvider p : providers) {
            for (String sopClass : p.sopClasses()) {
                DicomServiceProvider other = owner.putIfAbsent(sopClass, p);
                if (other != null) {
                    throw new IllegalStateException("SOP class " + sopClass + " is served by both "
                            + other.getClass().getSimpleName() + " and "
                            + p.getClass().getSimpleName());
                }
                Set<String> ts = p.transferSyntaxes(sopClass);
                if (ts == null || ts.isEmpty()) {
                    throw new IllegalStateException(
                            p.getClass().getSimpleName() + " accepts no transfer syntax for " + sopClass);
                }
                syntaxes.put(sopClass, Set.copyOf(ts));
            }
        }
        return syntaxes;
    }

    /** A dispatcher with the handlers of all {@code providers} registered. */
    static DimseDispatcher dispatcher(Collection<? extends DicomServiceProvider> providers) {
        DimseDispatcher d = new DimseDispatcher();
        for (DicomServiceProvider p : providers) p.registerOn(d);
        return d;
    }
}
