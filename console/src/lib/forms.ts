import { type FieldIssue, type Locale, localFieldMessage } from '@hospital/shared';
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { isApiError } from '../api';

interface Issue {
  field: string;
  message: string;
}

/**
 * The shared contract's own check, before anything is sent: its field messages in the reader's locale (the
 * same words the server would answer), or none when the values pass.
 */
export function schemaIssues(schema: z.ZodType, values: unknown, locale: Locale): Issue[] {
  const parsed = schema.safeParse(values);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    field: String(issue.path[0] ?? ''),
    message: localFieldMessage(
      issue.message,
      locale,
      (issue as { params?: { key?: string; en?: string } }).params,
    ),
  }));
}

/** The server's VALIDATION_FAILED details as field issues (`body.newPassword` → `newPassword`). */
function serverIssues(details: FieldIssue[]): Issue[] {
  return details.map((d) => ({ field: d.path.replace(/^(body|query|params)\./, ''), message: d.message }));
}

/** Shows issues at their fields; answers whether any issue was about a field the form has. */
function showAtFields(form: FormInstance, issues: Issue[]): boolean {
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const byField = new Map<string, string[]>();
  for (const { field, message } of issues) {
    if (!known.has(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}

/**
 * Submits a form through a shared schema: the schema's issues are shown at the fields and nothing is sent;
 * otherwise `send` runs, and a VALIDATION_FAILED answer is shown at the fields too. Any other failure is
 * returned for the page to show (null on success, or when the fields show it all).
 */
export async function submitChecked<T>(
  form: FormInstance,
  schema: z.ZodType<T>,
  values: unknown,
  locale: Locale,
  send: (checked: T) => Promise<void>,
): Promise<unknown> {
  const issues = schemaIssues(schema, values, locale);
  if (issues.length) {
    showAtFields(form, issues);
    return null;
  }
  try {
    await send(schema.parse(values));
    return null;
  } catch (error) {
    if (
      isApiError(error) &&
      error.code === 'VALIDATION_FAILED' &&
      showAtFields(form, serverIssues(error.details))
    )
      return null;
    return error;
  }
}
