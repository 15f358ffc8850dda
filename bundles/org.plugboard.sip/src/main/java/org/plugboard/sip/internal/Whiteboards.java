package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.sip.message.Message;

import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.StatelessChallenger;

/**
 * The services the SIP layer dispatches to: request handlers by method, response handlers by owner, rewriters
 * and profile resolvers. Each list is an immutable snapshot in {@code service.ranking} order (highest first, ties
 * by service id), replaced whole under the lock, so readers on stack threads never lock. Handlers that leave and
 * come back (a bundle update) are reported to {@link Parking}. Plain code: the DS component feeds it.
 */
final class Whiteboards {
    /** A service fetched when first used, given back when unbound (see {@link Lazy}). */
    interface Handle<S> {
        S get();

        void release();
    }

    private final Parking parking;
    private volatile List<Whiteboard.Ranked<Handle<SipRequestHandler>>> handlers = List.of();
    private volatile Map<String, Handle<SipRequestHandler>> handlerByMethod = Map.of();
    /** The service id of each method's handler: a challenger answers only for the registration that handles now. */
    private volatile Map<String, Long> handlerIdByMethod = Map.of();
    /** Stateless challengers by service id, and the methods each judges. */
    private volatile Map<Long, Challenger> challengers = Map.of();
    private volatile List<Whiteboard.Ranked<Handle<SipResponseHandler>>> responseHandlers = List.of();
    private volatile Map<String, Handle<SipResponseHandler>> responseHandlerByOwner = Map.of();
    private volatile List<Whiteboard.Ranked<RewriterChain.Entry>> rewriters = List.of();
    private volatile List<Whiteboard.Ranked<SipProfileResolver>> resolvers = List.of();

    Whiteboards(Parking parking) {
        this.parking = parking;
    }

    /** The parking key of a method's handler. */
    static String methodKey(String method) {
        return "method " + method;
    }

    /** The parking key of an owner's response handler. */
    static String ownerKey(String owner) {
        return "owner " + owner;
    }

    /** The parking keys of every method and owner with a handler now. */
    Set<String> servedKeys() {
        Set<String> keys = new TreeSet<>();
        handlerByMethod.keySet().forEach(m -> keys.add(methodKey(m)));
        responseHandlerByOwner.keySet().forEach(o -> keys.add(ownerKey(o)));
        return keys;
    }

    /** What a second look found: the handler, or none and whether the message was parked for it. */
    record SecondLook<H>(H handler, boolean parked) {
    }

    /**
     * For a message whose handler a lock-free look-up did not find (rare: an update, or nobody takes it): looks again
     * and, if still missing, parks it, under the lock {@link #addHandler} and {@link #addResponseHandler} take to
     * publish a handler and release what waited for it. A handler arriving at this moment is then either found here
     * or finds the message parked; without the lock a request could fall between the two and get 405 while the
     * handler was coming back (seen under load during a bundle:update of this bundle).
     */
    synchronized <H> SecondLook<H> lookAgainOrPark(Supplier<H> lookup, BooleanSupplier park) {
        H handler = lookup.get();
        return handler != null ? new SecondLook<>(handler, false) : new SecondLook<>(null, park.getAsBoolean());
    }

    // ---- request handlers, by method ---------------------------------------------------------------------

    /**
     * Parked traffic for the methods it adds is released under this whiteboard's lock, as {@link #removeHandler} marks
     * them awaited again under it: a handler that leaves while its traffic is being delivered then has that traffic
     * parked again, never answered 405 (Parking's own lock comes second on both paths; it only hands work on).
     */
    synchronized void addHandler(Handle<SipRequestHandler> handler, Map<String, Object> props) {
        Set<String> before = handlerByMethod.keySet();
        handlers = Whiteboard.with(handlers, Whiteboard.ranked(handler, props));
        handlerByMethod = indexByMethod(handlers);
        handlerIdByMethod = idByMethod(handlers);
        Set<String> added = new TreeSet<>(handlerByMethod.keySet());
        added.removeAll(before);
        added.forEach(m -> parking.arrived(methodKey(m)));
    }

    synchronized void removeHandler(Map<String, Object> props) {
        Set<String> before = handlerByMethod.keySet();
        long id = Whiteboard.id(props);
        handlers.stream().filter(h -> h.id() == id).forEach(h -> h.service().release());
        handlers = Whiteboard.withoutId(handlers, id);
        handlerByMethod = indexByMethod(handlers);
        handlerIdByMethod = idByMethod(handlers);
        for (String m : before) {
            if (!handlerByMethod.containsKey(m)) {
                parking.gone(methodKey(m));
            }
        }
    }

    /** The highest-ranked handler of a method, or null. */
    Handle<SipRequestHandler> handler(String method) {
        return handlerByMethod.get(method);
    }

    /** Methods some handler takes, plus OPTIONS (answered here when nobody takes it). */
    Set<String> methods() {
        Set<String> methods = new TreeSet<>(handlerByMethod.keySet());
        methods.add("OPTIONS");
        return Collections.unmodifiableSet(methods); // sorted: Allow lists them in a stable order
    }

    /** Option tags the handlers support, sorted, for Supported. */
    Set<String> optionTags() {
        Set<String> tags = new TreeSet<>();
        for (Whiteboard.Ranked<Handle<SipRequestHandler>> h : handlers) {
            tags.addAll(Whiteboard.strings(h.props().get(SipRequestHandler.OPTION_TAGS)));
        }
        return tags;
    }

    private static Map<String, Handle<SipRequestHandler>> indexByMethod(List<Whiteboard.Ranked<Handle<SipRequestHandler>>> list) {
        Map<String, Handle<SipRequestHandler>> byMethod = new HashMap<>();
        for (Whiteboard.Ranked<Handle<SipRequestHandler>> h : list) { // highest ranking first wins
            for (String m : Whiteboard.strings(h.props().get(SipRequestHandler.METHODS))) {
                byMethod.putIfAbsent(m.toUpperCase(), h.service());
            }
        }
        return Map.copyOf(byMethod);
    }

    private static Map<String, Long> idByMethod(List<Whiteboard.Ranked<Handle<SipRequestHandler>>> list) {
        Map<String, Long> byMethod = new HashMap<>();
        for (Whiteboard.Ranked<Handle<SipRequestHandler>> h : list) {
            for (String m : Whiteboard.strings(h.props().get(SipRequestHandler.METHODS))) {
                byMethod.putIfAbsent(m.toUpperCase(), h.id());
            }
        }
        return Map.copyOf(byMethod);
    }

    // ---- stateless challengers, by the handler registration they speak for ------------------------------

    /** A challenger and the methods it judges. */
    private record Challenger(Handle<StatelessChallenger> service, Set<String> methods) {
    }

    synchronized void addChallenger(Handle<StatelessChallenger> challenger, Map<String, Object> props) {
        Map<Long, Challenger> next = new HashMap<>(challengers);
        Set<String> methods = new TreeSet<>();
        Whiteboard.strings(props.get(StatelessChallenger.METHODS)).forEach(m -> methods.add(m.toUpperCase()));
        next.put(Whiteboard.id(props), new Challenger(challenger, Set.copyOf(methods)));
        challengers = Map.copyOf(next);
    }

    synchronized void removeChallenger(Map<String, Object> props) {
        Map<Long, Challenger> next = new HashMap<>(challengers);
        Challenger gone = next.remove(Whiteboard.id(props));
        if (gone != null) {
            gone.service().release();
        }
        challengers = Map.copyOf(next);
    }

    /**
     * The challenger that speaks for the current handler of {@code method} (the same service registration), or
     * null: a challenger of a registration that is not the handler now (outranked, being updated) is never asked.
     */
    StatelessChallenger challenger(String method) {
        Long id = handlerIdByMethod.get(method);
        Challenger c = id == null ? null : challengers.get(id);
        return c != null && c.methods().contains(method) ? c.service().get() : null;
    }

    // ---- response handlers, by owner ---------------------------------------------------------------------

    /** As {@link #addHandler}: parked responses are released under this whiteboard's lock. */
    synchronized void addResponseHandler(Handle<SipResponseHandler> handler, Map<String, Object> props) {
        responseHandlers = Whiteboard.with(responseHandlers, Whiteboard.ranked(handler, props));
        responseHandlerByOwner = indexByOwner(responseHandlers);
        parking.arrived(ownerKey(owner(props)));
    }

    synchronized void removeResponseHandler(Map<String, Object> props) {
        long id = Whiteboard.id(props);
        responseHandlers.stream().filter(h -> h.id() == id).forEach(h -> h.service().release());
        responseHandlers = Whiteboard.withoutId(responseHandlers, id);
        responseHandlerByOwner = indexByOwner(responseHandlers);
        if (!responseHandlerByOwner.containsKey(owner(props))) {
            parking.gone(ownerKey(owner(props)));
        }
    }

    /** The highest-ranked response handler registered under {@code owner} now, or null. */
    Handle<SipResponseHandler> responseHandler(String owner) {
        return responseHandlerByOwner.get(owner);
    }

    List<Whiteboard.Ranked<Handle<SipResponseHandler>>> responseHandlers() {
        return responseHandlers;
    }

    private static String owner(Map<String, Object> props) {
        return String.valueOf(props.get(SipResponseHandler.OWNER));
    }

    private static Map<String, Handle<SipResponseHandler>> indexByOwner(List<Whiteboard.Ranked<Handle<SipResponseHandler>>> list) {
        Map<String, Handle<SipResponseHandler>> byOwner = new HashMap<>();
        for (Whiteboard.Ranked<Handle<SipResponseHandler>> h : list) {
            byOwner.putIfAbsent(owner(h.props()), h.service());
        }
        return Map.copyOf(byOwner);
    }

    // ---- rewriters and resolvers -------------------------------------------------------------------------

    synchronized void addRewriter(SipMessageRewriter rewriter, Map<String, Object> props) {
        rewriters = Whiteboard.with(rewriters, Whiteboard.ranked(RewriterChain.Entry.of(rewriter, props), props));
    }

    synchronized void removeRewriter(Map<String, Object> props) {
        rewriters = Whiteboard.withoutId(rewriters, Whiteboard.id(props));
    }

    List<Whiteboard.Ranked<RewriterChain.Entry>> rewriters() {
        return rewriters;
    }

    synchronized void addResolver(SipProfileResolver resolver, Map<String, Object> props) {
        resolvers = Whiteboard.with(resolvers, Whiteboard.ranked(resolver, props));
    }

    synchronized void removeResolver(Map<String, Object> props) {
        resolvers = Whiteboard.withoutId(resolvers, Whiteboard.id(props));
    }

    /** The first non-null answer of the resolvers in ranking order, else the default profile. */
    String profileOf(Message message, InetSocketAddress source, String transport) {
        for (Whiteboard.Ranked<SipProfileResolver> r : resolvers) {
            String p = r.service().resolve(message, source, transport);
            if (p != null) {
                return p;
            }
        }
        return SipProfileResolver.DEFAULT_PROFILE;
    }
}
