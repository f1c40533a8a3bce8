package io.cachesh.client.paginate;

import io.cachesh.model.PaginationModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * A lazy {@link Iterable} over the items of an offset/limit (or page-number/size) paginated operation. A page is
 * fetched only when iteration reaches it; iteration stops at the reported total, on a short page or an empty one.
 * Each {@link #iterator()} starts again from the first page.
 *
 * @param <P> page (response) type
 * @param <I> item type
 */
public final class Paginator<P, I> implements Iterable<I> {

    /** Fetches one page. */
    @FunctionalInterface
    public interface PageFetcher<P> {
        P fetch(long offset, long limit);
    }

    private final PaginationModel pagination;
    private final long firstOffset;
    private final long pageSize;
    private final PageFetcher<P> fetcher;
    private final Function<P, List<I>> items;
    private final Function<P, Long> total;

    private Paginator(PaginationModel pagination, long firstOffset, long pageSize, PageFetcher<P> fetcher,
                      Function<P, List<I>> items, Function<P, Long> total) {
        this.pagination = Objects.requireNonNull(pagination, "pagination == null");
        if (pageSize < 1) throw new IllegalArgumentException("pageSize < 1: " + pageSize);
        this.firstOffset = firstOffset;
        this.pageSize = pageSize;
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
        this.items = Objects.requireNonNull(items, "items == null");
        this.total = Objects.requireNonNull(total, "total == null");
    }

    /**
     * @param firstOffset first offset (item index, or page number when {@link PaginationModel#pageBased()})
     * @param pageSize    the limit sent with every page
     * @param total       the page's total item count, or null when the page gives none
     */
    public static <P, I> Paginator<P, I> of(PaginationModel pagination, long firstOffset, long pageSize,
                                            PageFetcher<P> fetcher, Function<P, List<I>> items, Function<P, Long> total) {
        return new Paginator<>(pagination, firstOffset, pageSize, fetcher, items, total);
    }

    /** The pages themselves, lazily. */
    public Iterable<P> pages() {
        return PageIterator::new;
    }

    @Override
    public Iterator<I> iterator() {
        PageIterator pages = new PageIterator();
        return new Iterator<>() {
            private final Deque<I> buffer = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (buffer.isEmpty() && pages.hasNext()) {
                    List<I> page = items.apply(pages.next());
                    if (page != null) page.forEach(buffer::add);
                }
                return !buffer.isEmpty();
            }

            @Override
            public I next() {
                if (!hasNext()) throw new NoSuchElementException();
                return buffer.poll();
            }
        };
    }

    private final class PageIterator implements Iterator<P> {
        private long offset = firstOffset;
        private boolean done;

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public P next() {
            if (done) throw new NoSuchElementException();
            P page = fetcher.fetch(offset, pageSize);
            List<I> pageItems = items.apply(page);
            int count = pageItems == null ? 0 : pageItems.size();
            Long totalCount = total.apply(page);
            long covered;
            if (pagination.pageBased()) {
                long first = pagination.firstPage() == null ? 1 : pagination.firstPage();
                offset += 1;
                covered = (offset - first) * pageSize;
            } else {
                offset += count;
                // item offsets may be 1-based (Huawei DCS v1 "start"): the items before offset exclude the base
                covered = offset - (pagination.firstPage() == null ? 0 : pagination.firstPage());
            }
            if (count == 0 || count < pageSize || (totalCount != null && covered >= totalCount)) done = true;
            return page;
        }
    }
}
