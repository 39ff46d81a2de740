import { type FieldIssue, fieldError, type LocalizedText } from '@hospital/shared';
import { z } from 'zod';

/**
 * A NUL, or half of a UTF-16 surrogate pair. PostgreSQL's text cannot hold NUL (22021) and its jsonb refuses
 * `\u0000` and lone surrogates (22P05); a lone surrogate in text is silently turned into U+FFFD by the
 * driver. JSON can carry all three (`"\u0000"`, `"\ud800"`), so they are refused where input enters.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT: LocalizedText = {
  zh: '内容中含有无法保存的字符（空字符或残缺的 Unicode 字符），请删除后重新提交',
  en: 'The text contains characters that cannot be stored (a NUL or half of a Unicode surrogate pair); remove them and submit again',
};
const UNSTORABLE_FIELD = fieldError('unstorable');

export function hasUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}

interface Node {
  value: unknown;
  key: string;
  parent: Node | undefined;
}

function pathOf(where: string, node: Node): string {
  const keys: string[] = [];
  for (let n: Node | undefined = node; n?.parent; n = n.parent) keys.push(n.key);
  return [where, ...keys.reverse()].join('.');
}

/**
 * Every string in `value` (object keys included, at any depth) that the database could not store, as field
 * issues (`body.name`). Walks without recursion, so a deeply nested body cannot overflow the stack.
 */
export function unstorableTextIssues(where: string, value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: Node[] = [{ value, key: '', parent: undefined }];
  while (stack.length && issues.length < 20) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) issues.push({ path: pathOf(where, node), message: UNSTORABLE_FIELD });
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        const childNode = { value: child, key, parent: node };
        if (UNSTORABLE.test(key)) issues.push({ path: pathOf(where, childNode), message: UNSTORABLE_FIELD });
        else stack.push(childNode);
      }
    }
  }
  return issues;
}

/** What a route without a body accepts: nothing, or the empty object clients send for "no body". */
export function isEmptyBody(value: unknown): boolean {
  return (
    value === undefined ||
    (typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.getPrototypeOf(value) === Object.prototype &&
      Object.keys(value).length === 0)
  );
}

/**
 * Query keys a route does not know: every key when it has no query schema, else the keys outside its object
 * shape (so a query schema written without `z.strictObject` still refuses them).
 */
export function unknownQueryKeys(schema: z.ZodType | undefined, query: Record<string, unknown>): string[] {
  const keys = Object.keys(query);
  if (!schema) return keys;
  if (!(schema instanceof z.ZodObject)) return [];
  const shape = schema.shape as Record<string, unknown>;
  return keys.filter((k) => !Object.hasOwn(shape, k));
}
