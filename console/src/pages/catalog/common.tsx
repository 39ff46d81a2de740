import { SEXES, type Sex } from '@hospital/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance, TableColumnsType } from 'antd';
import { App, Badge, Button, Divider, Empty, Form, InputNumber, Select, Table } from 'antd';
import type { z } from 'zod';
import { api, isApiError, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { submitChecked } from '../../lib/forms';

export const includeInactive = { query: { includeInactive: 'true' as const } };

/** The hospital (its zone, published rules: the category fees, the pediatric age). */
export function useHospital() {
  return useQuery({
    queryKey: ['catalog.hospital'],
    queryFn: () => api.call('catalog.hospital'),
    staleTime: 10 * 60_000,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['catalog.adminDepartments'],
    queryFn: () => api.call('catalog.adminDepartments', includeInactive),
  });
}

/** Departments as picker options, by their name in the reader's language. */
export function useDepartmentOptions() {
  const departments = useDepartments();
  return (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return active ? (
    <Badge status="success" text={t('catalog.status.active')} />
  ) : (
    <Badge status="default" text={t('catalog.status.inactive')} />
  );
}

/** An entity's own sex and age limits in words ("仅限女", "0–14 周岁"), or 不限. */
export function useRestrictionText() {
  const { t, labels } = useI18n();
  return (r: {
    allowedSex: Sex | null;
    minAge: number | null;
    maxAge: number | null;
    pediatric?: boolean;
  }) => {
    const parts: string[] = [];
    if (r.allowedSex) parts.push(t('catalog.restriction.sex', { sex: labels.sex[r.allowedSex] }));
    if (r.minAge !== null && r.maxAge !== null)
      parts.push(t('catalog.restriction.age', { min: r.minAge, max: r.maxAge }));
    else if (r.minAge !== null) parts.push(t('catalog.restriction.minAge', { min: r.minAge }));
    else if (r.maxAge !== null) parts.push(t('catalog.restriction.maxAge', { max: r.maxAge }));
    if (r.pediatric) parts.push(t('catalog.f.pediatric'));
    return parts.length ? parts.join('，') : t('catalog.restriction.none');
  };
}

/** Sex and age limits (docs/decisions/018-eligibility.md), the same three fields on every kind of entry. */
export function EligibilityFields() {
  const { t, labels } = useI18n();
  return (
    <>
      <Divider titlePlacement="start">{t('catalog.f.eligibility')}</Divider>
      <div className="catalog-row">
        <Form.Item name="allowedSex" label={t('catalog.f.allowedSex')}>
          <Select
            allowClear
            placeholder={t('catalog.any')}
            options={SEXES.map((s) => ({ value: s, label: labels.sex[s] }))}
          />
        </Form.Item>
        <Form.Item name="minAge" label={t('catalog.f.minAge')}>
          <InputNumber precision={0} className="rule-input" />
        </Form.Item>
        <Form.Item name="maxAge" label={t('catalog.f.maxAge')} extra={t('catalog.f.ageHelp')}>
          <InputNumber precision={0} className="rule-input" />
        </Form.Item>
      </div>
    </>
  );
}

/** Empty text and cleared numbers are null where the contract says "none" with null. */
export function nullWhereEmpty<T extends Record<string, unknown>>(values: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = { ...values };
  for (const key of keys) {
    const v = out[key];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) out[key] = null;
  }
  return out as T;
}

/** Yuan (what staff type) to fen (what the API keeps); null stays null. */
export const fenOf = (yuan: unknown) => (typeof yuan === 'number' ? Math.round(yuan * 100) : null);
export const yuanOf = (fen: number | null) => (fen === null ? null : fen / 100);

/** The fields whose values differ from the entry as loaded: what a PATCH sends. */
export function changed(initial: Record<string, unknown>, values: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([key, value]) => JSON.stringify(initial[key] ?? null) !== JSON.stringify(value ?? null),
    ),
  );
}

/**
 * Saves a drawer's form: a create through its schema, a change as only what changed through the PATCH schema.
 * The schema's issues and the server's field errors land at the fields (a taken code too, and the guidance
 * check's contradictions at the texts they are about); anything else comes back as the alert's text. Answers
 * whether it was saved, or 'unchanged'.
 */
export async function saveEntity<C, U>(opts: {
  form: FormInstance;
  locale: 'zh-CN' | 'en';
  editing: boolean;
  values: Record<string, unknown>;
  initial: Record<string, unknown>;
  create: { schema: z.ZodType<C>; send: (body: C) => Promise<unknown> };
  update: { schema: z.ZodType<U>; send: (body: U) => Promise<unknown> };
  onError: (text: string | null) => void;
}): Promise<boolean | 'unchanged'> {
  const { form, locale, editing, values, initial, onError } = opts;
  onError(null);
  let saved = false;
  let failure: unknown;
  if (editing) {
    const diff = changed(initial, values);
    if (!Object.keys(diff).length) return 'unchanged';
    failure = await submitChecked(form, opts.update.schema, diff, locale, async (body) => {
      await opts.update.send(body);
      saved = true;
    });
  } else {
    failure = await submitChecked(form, opts.create.schema, values, locale, async (body) => {
      await opts.create.send(body);
      saved = true;
    });
  }
  if (isApiError(failure) && failure.code === 'ALREADY_EXISTS') {
    form.setFields([{ name: 'code', errors: [messageOf(failure, locale)] }]);
  } else if (isApiError(failure) && failure.code === 'GUIDANCE_CONTRADICTS_FIELDS') {
    const byField = new Map<string, string[]>();
    for (const d of failure.details) {
      const field = d.path.replace(/^body\./, '');
      byField.set(field, [...(byField.get(field) ?? []), d.message]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
    onError(messageOf(failure, locale));
  } else if (failure) onError(messageOf(failure, locale));
  return saved;
}

/**
 * A catalog tab's table: the rows its filters keep, 20 a page (the page in the address bar), then each row's
 * status and its edit link; a double click on a row opens it too.
 */
export function CatalogTable<T extends { id: string; active: boolean }>({
  rows,
  loading,
  page,
  onPage,
  onEdit,
  columns,
}: {
  rows: T[];
  loading: boolean;
  page: number;
  onPage: (page: number) => void;
  onEdit: (row: T) => void;
  columns: TableColumnsType<T>;
}) {
  const { t } = useI18n();
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      locale={{ emptyText: <Empty description={t('catalog.empty')} /> }}
      pagination={{
        current: page,
        pageSize: 20,
        onChange: onPage,
        showTotal: (total) => t('catalog.total', { total }),
      }}
      onRow={(row) => ({ onDoubleClick: () => onEdit(row) })}
      columns={[
        ...columns,
        {
          title: t('catalog.status'),
          dataIndex: 'active',
          render: (a: boolean) => <ActiveBadge active={a} />,
        },
        {
          title: t('catalog.actions'),
          key: 'actions',
          render: (_: unknown, row) => (
            <Button type="link" size="small" onClick={() => onEdit(row)}>
              {t('catalog.edit')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/**
 * What a catalog drawer does once `saveEntity` answers: "nothing changed" and close; or "created / saved" by
 * name, its list fetched again, and close; nothing on a failure (the drawer shows it).
 */
export function useAfterSave() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  return async (
    saved: boolean | 'unchanged',
    done: { created: boolean; name: unknown; listKey: string; onClose: () => void },
  ) => {
    if (!saved) return;
    if (saved === 'unchanged') message.info(t('catalog.nothingChanged'));
    else {
      message.success(
        t(done.created ? 'catalog.created' : 'catalog.saved', { name: String(done.name).trim() }),
      );
      await queries.invalidateQueries({ queryKey: [done.listKey] });
    }
    done.onClose();
  };
}
