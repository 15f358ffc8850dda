package org.plugboard.rest.internal;

import java.util.List;

/** Offset paging over a list a service returned whole. */
final class Paging {
    private Paging() {
    }

    static <T> Views.Page<T> page(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return new Views.Page<>(List.copyOf(all.subList(from, to)), offset, limit, to < all.size());
    }

    /** A page of a store asked for one record more than the limit: that record only says a next page exists. */
    static <T> Views.Page<T> ofProbe(List<T> limitPlusOne, int offset, int limit) {
        boolean more = limitPlusOne.size() > limit;
        return new Views.Page<>(List.copyOf(more ? limitPlusOne.subList(0, limit) : limitPlusOne), offset, limit, more);
    }
}
