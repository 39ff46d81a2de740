/**
 * Fills a Koa-style path's `:name` parameters, each percent-encoded (`/bookings/:id` with `a/b` →
 * `/bookings/a%2Fb`). A parameter missing or empty throws: the request would reach another endpoint.
 */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new TypeError(`${path}: the path parameter "${name}" is missing`);
    }
    return encodeURIComponent(String(value));
  });
}

/**
 * `?a=1&b=x%20y` from an object, keys in the order given; undefined, null and empty values are left out, an
 * array repeats its key (`?status=A&status=B`). '' when nothing is left.
 */
export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(query)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (value === undefined || value === null || value === '') continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
