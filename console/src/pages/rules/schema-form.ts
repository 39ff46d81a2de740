import { type HospitalRules, hospitalRulesSchema, type Locale, localFieldMessage } from '@hospital/shared';
import { z } from 'zod';
import type { MessageKey } from '../../i18n';

/** How a rule is edited: a whole number, a number, a time of day (HH:mm), a switch, a choice, or money (yuan). */
export type RuleFieldKind = 'integer' | 'number' | 'time' | 'boolean' | 'enum' | 'fen';

export interface RuleField {
  /** Where the rule sits in the rules object (`['fees', 'registrationFen', 'GENERAL']`): the form's name path. */
  path: string[];
  kind: RuleFieldKind;
  min?: number;
  max?: number;
  options?: readonly (string | number)[];
  default: unknown;
  /** Its words in catalog/messages.ts. */
  label: MessageKey;
  help: MessageKey;
}

export interface RuleGroup {
  name: string;
  title: MessageKey;
  fields: RuleField[];
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: (string | number)[];
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

function fieldOf(path: string[], s: JsonSchema): RuleField | RuleField[] {
  if (s.type === 'object' && s.properties) {
    return Object.entries(s.properties).flatMap(([key, child]) => fieldOf([...path, key], child));
  }
  const kind: RuleFieldKind = s.enum
    ? 'enum'
    : s.type === 'boolean'
      ? 'boolean'
      : s.type === 'integer'
        ? // Money is fen in the schema; a group or rule named …Fen holds money (registrationFen).
          path.some((p) => p.endsWith('Fen'))
          ? 'fen'
          : 'integer'
        : s.type === 'number'
          ? 'number'
          : s.pattern && new RegExp(s.pattern).test('07:30') && !new RegExp(s.pattern).test('7:30')
            ? 'time'
            : (() => {
                throw new Error(`rules form: no editor for ${path.join('.')} (${s.type})`);
              })();
  const key = `rules.${path.join('.')}`;
  return {
    path,
    kind,
    min: s.minimum,
    max: s.maximum,
    options: s.enum,
    default: s.default,
    label: key as MessageKey,
    help: `${key}.help` as MessageKey,
  };
}

/**
 * The rules form's groups and fields, generated from the shared rules schema (its JSON Schema, zod 4): each rule
 * group a card, each rule an editor of its kind with the schema's range and default. A rule added to the schema
 * appears here by itself, and its words are asked for by the test of this file.
 */
export function ruleGroups(schema: z.ZodType = hospitalRulesSchema): RuleGroup[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const root = json.$ref ? json.$defs?.[json.$ref.replace('#/$defs/', '')] : json;
  return Object.entries(root?.properties ?? {}).map(([name, group]) => ({
    name,
    title: `rules.group.${name}` as MessageKey,
    fields: [fieldOf([name], group)].flat(2) as RuleField[],
  }));
}

type Tree = Record<string, unknown>;

function getAt(tree: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}
function setAt(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1]!] = value;
}

/** The form's values from stored rules: money in yuan, the rest as stored. */
export function formValuesOf(rules: HospitalRules, groups: RuleGroup[]): Tree {
  const values: Tree = {};
  for (const field of groups.flatMap((g) => g.fields)) {
    const stored = getAt(rules, field.path);
    setAt(values, field.path, field.kind === 'fen' && typeof stored === 'number' ? stored / 100 : stored);
  }
  return values;
}

/** The rules the form's values stand for (money back to fen), for the schema to check. */
export function rulesOf(values: Tree, groups: RuleGroup[]): Tree {
  const rules: Tree = {};
  for (const field of groups.flatMap((g) => g.fields)) {
    let value = getAt(values, field.path);
    if (value === '' || value === undefined) value = null;
    if (field.kind === 'fen' && typeof value === 'number') value = Math.round(value * 100);
    if (field.kind === 'time' && typeof value === 'string') value = value.trim();
    setAt(rules, field.path, value);
  }
  return rules;
}

/**
 * What changed, as `catalog.updateHospital` takes it: per group only the rules that differ from the stored ones
 * (a nested rule such as `registrationFen` whole). Empty: nothing changed.
 */
export function rulesPatch(stored: HospitalRules, next: Tree): Partial<Record<keyof HospitalRules, Tree>> {
  const patch: Tree = {};
  for (const [group, values] of Object.entries(next)) {
    for (const [key, value] of Object.entries(values as Tree)) {
      const before = getAt(stored, [group, key]);
      if (JSON.stringify(before) !== JSON.stringify(value)) setAt(patch, [group, key], value);
    }
  }
  return patch as Partial<Record<keyof HospitalRules, Tree>>;
}

/** zod's own wording of a number out of range and the like, in the reader's language (as the server words it). */
const zodWords = (locale: Locale) => (locale === 'en' ? z.locales.en() : z.locales.zhCN()).localeError;

/** The schema's issues as the form's field errors (by name path), each in the reader's language. */
export function ruleIssues(rules: unknown, locale: Locale): { name: string[]; message: string }[] {
  const parsed = hospitalRulesSchema.safeParse(rules, { error: zodWords(locale) });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    name: issue.path.map(String),
    message: localFieldMessage(issue.message, locale, (issue as { params?: { en?: string } }).params),
  }));
}
