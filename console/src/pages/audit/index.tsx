import type { AuditEntry } from '@hospital/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { type MessageKey, useI18n } from '../../i18n';
import { serverPagination } from '../../lib/paging';
import { hospitalDateTime } from '../../lib/time';
import { LoadError } from '../results';
import { AuditChanges } from './changes';
import { type AuditFilters, auditQueryOf, filtersFrom, paramsOf } from './filters';

interface FormValues {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

function formValuesOf(f: AuditFilters): FormValues {
  return {
    actor: f.actor,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    dates: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
  };
}

/** The audit log (permission `audit.read`): filters in the address bar, pages from the server, each change's before/after. */
export function AuditPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [form] = Form.useForm<FormValues>();
  const hospital = useQuery({
    queryKey: ['catalog.hospital'],
    queryFn: () => api.call('catalog.hospital'),
    staleTime: 10 * 60_000,
  });
  const zone = hospital.data?.timeZone;
  const list = useQuery({
    queryKey: ['audit.list', filters, zone],
    queryFn: () => api.call('audit.list', { query: auditQueryOf(filters, zone!) }),
    enabled: !!zone,
    placeholderData: keepPreviousData,
  });
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address bar (back, forward, links)
  useEffect(() => form.setFieldsValue(formValuesOf(filtersFrom(params))), [search]);

  const apply = (next: AuditFilters) => setParams(paramsOf(next));
  const onSearch = (v: FormValues) => {
    const [from, to] = v.dates ?? [];
    apply({
      actor: v.actor?.trim() || undefined,
      action: v.action?.trim() || undefined,
      entityType: v.entityType?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
      page: 1,
      pageSize: filters.pageSize,
    });
  };
  const failure = hospital.error ?? list.error;

  return (
    <div className="page">
      <Typography.Title level={2}>{t('audit.title')}</Typography.Title>
      <Form
        form={form}
        layout="inline"
        onFinish={onSearch}
        initialValues={formValuesOf(filters)}
        className="audit-filters"
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder="admin" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear placeholder="doctor.update" />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Input allowClear placeholder="doctor" />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="dates" label={t('audit.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('audit.search')}
          </Button>
          <Button onClick={() => apply({ page: 1, pageSize: filters.pageSize })}>{t('audit.reset')}</Button>
        </Space>
      </Form>
      {zone && (
        <Typography.Paragraph type="secondary" className="audit-zone">
          {t('audit.timeZone', { zone })}
        </Typography.Paragraph>
      )}
      {failure ? (
        <LoadError error={failure} onRetry={() => (hospital.error ? hospital.refetch() : list.refetch())} />
      ) : (
        <Table<AuditEntry>
          className="audit-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching || hospital.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          expandable={{
            expandedRowRender: (entry) => <AuditChanges changes={entry.changes} />,
            expandRowByClick: true,
          }}
          pagination={serverPagination(
            filters,
            list.data?.total ?? 0,
            (page, pageSize) => apply({ ...filters, page, pageSize }),
            (total) => t('audit.total', { total }),
          )}
          columns={[
            {
              title: t('audit.at'),
              dataIndex: 'at',
              width: 170,
              render: (at: string) => hospitalDateTime(at, zone),
            },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              render: (name: string | null, e) => (
                <Space size={4}>
                  <span>{name ?? '—'}</span>
                  <Tag>{t(`audit.actorType.${e.actorType}` as MessageKey)}</Tag>
                </Space>
              ),
            },
            { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
            {
              title: t('audit.entity'),
              dataIndex: 'entityType',
              render: (type: string, e) => (
                <span>
                  {type}
                  {e.entityId && <Typography.Text type="secondary"> · {e.entityId}</Typography.Text>}
                </span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
