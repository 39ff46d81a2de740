import type { TablePaginationConfig } from 'antd';

/** The page sizes a table offers. */
export const PAGE_SIZES = [20, 50, 100];

/** A page number or size from the address bar: a positive integer, or the fallback. */
export function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * A table's pagination over the server's pages: the page and size come from (and go back to) the address bar;
 * a new page size starts again at page 1.
 */
export function serverPagination(
  current: { page: number; pageSize: number },
  total: number,
  go: (page: number, pageSize: number) => void,
  showTotal: (total: number) => string,
): TablePaginationConfig {
  return {
    current: current.page,
    pageSize: current.pageSize,
    total,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal,
    onChange: (page, pageSize) => go(pageSize === current.pageSize ? page : 1, pageSize),
  };
}
