package io.cachesh.client.paginate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.model.PaginationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PaginatorTest {

    record Page(List<Long> items, Long total) {
    }

    private final List<String> fetched = new ArrayList<>();

    private Paginator.PageFetcher<Page> server(long count, boolean withTotal) {
        return (offset, limit) -> {
            fetched.add(offset + "/" + limit);
            List<Long> items = LongStream.range(offset, Math.min(count, offset + limit)).boxed().toList();
            return new Page(items, withTotal ? count : null);
        };
    }

    private static PaginationModel offsetLimit() {
        return new PaginationModel("Offset", "Limit", "InstanceSet", "TotalCount", 1000, false, 0);
    }

    @Test
    void fetchesLazilyAndStopsAtTheTotal() {
        Paginator<Page, Long> paginator = Paginator.of(offsetLimit(), 0, 2, server(4, true), Page::items, Page::total);
        assertThat(fetched).isEmpty();
        var it = paginator.iterator();
        assertThat(it.next()).isEqualTo(0L);
        assertThat(fetched).containsExactly("0/2");
        List<Long> all = new ArrayList<>();
        paginator.forEach(all::add);
        assertThat(all).containsExactly(0L, 1L, 2L, 3L);
        // the second iteration fetched 2 pages and stopped at TotalCount 4 without asking for an empty third page
        assertThat(fetched).containsExactly("0/2", "0/2", "2/2");
    }

    @Test
    void stopsOnAShortPageWithoutATotal() {
        List<Long> all = new ArrayList<>();
        Paginator.of(offsetLimit(), 0, 2, server(5, false), Page::items, Page::total).forEach(all::add);
        assertThat(all).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(fetched).containsExactly("0/2", "2/2", "4/2");
    }

    @Test
    void stopsOnAnEmptyPage() {
        List<Long> all = new ArrayList<>();
        Paginator.of(offsetLimit(), 0, 2, server(4, false), Page::items, Page::total).forEach(all::add);
        assertThat(all).hasSize(4);
        assertThat(fetched).containsExactly("0/2", "2/2", "4/2");
    }

    @Test
    void startsAtTheRequestedOffset() {
        List<Long> all = new ArrayList<>();
        Paginator.of(offsetLimit(), 3, 10, server(5, true), Page::items, Page::total).forEach(all::add);
        assertThat(all).containsExactly(3L, 4L);
    }

    @Test
    void pageBasedOffsetsCountPages() {
        PaginationModel pages = new PaginationModel("PageNo", "PageSize", "Items", "Total", 100, true, 1);
        List<String> asked = new ArrayList<>();
        Paginator<Page, Long> paginator = Paginator.of(pages, 1, 2, (page, size) -> {
            asked.add(page + "/" + size);
            long from = (page - 1) * size;
            return new Page(LongStream.range(from, Math.min(5, from + size)).boxed().toList(), 5L);
        }, Page::items, Page::total);
        List<Long> all = new ArrayList<>();
        paginator.forEach(all::add);
        assertThat(all).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(asked).containsExactly("1/2", "2/2", "3/2");
    }
}
