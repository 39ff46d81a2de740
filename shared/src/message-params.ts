/** The values a message's `{name}` placeholders take. */
export type MessageParams = Record<string, string | number>;

/** Fills a message's `{name}` placeholders; one without a value is left as it is, so it shows in review. */
export function fillIn(text: string, params?: MessageParams): string {
  return params
    ? text.replace(/\{(\w+)\}/g, (m, name: string) =>
        Object.hasOwn(params, name) ? String(params[name]) : m,
      )
    : text;
}
