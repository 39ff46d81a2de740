import type { AuditEntry } from '@hospital/shared';
import { Table, Typography } from 'antd';
import { useI18n } from '../../i18n';

type Changes = NonNullable<AuditEntry['changes']>;

interface Row {
  field: string;
  from: unknown;
  to: unknown;
}

function Value({ value, kind }: { value: unknown; kind: 'from' | 'to' }) {
  const { t } = useI18n();
  if (value === null || value === undefined || value === '') {
    return <Typography.Text type="secondary">{t('audit.unset')}</Typography.Text>;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return <pre className={`audit-value audit-${kind}`}>{text}</pre>;
}

/** One entry's before and after, a row per field that changed (the server records only those). */
export function AuditChanges({ changes }: { changes: AuditEntry['changes'] }) {
  const { t } = useI18n();
  const rows: Row[] = Object.entries((changes ?? {}) as Changes).map(([field, c]) => ({
    field,
    from: c.from,
    to: c.to,
  }));
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<Row>
      className="audit-changes"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 200, render: (f: string) => <code>{f}</code> },
        {
          title: t('audit.before'),
          dataIndex: 'from',
          render: (v: unknown) => <Value value={v} kind="from" />,
        },
        { title: t('audit.after'), dataIndex: 'to', render: (v: unknown) => <Value value={v} kind="to" /> },
      ]}
    />
  );
}
