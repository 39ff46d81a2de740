import { ACTIONS, localName } from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api';
import { type MessageKey, useI18n } from '../i18n';
import { pagesFor } from '../pages';
import { useCan, useMe } from '../session/session';

/** "What you may do here": who is signed in, and the pages and actions their permissions open. */
export function HomePage() {
  const { locale, t, labels } = useI18n();
  const { data: me } = useMe();
  const can = useCan();
  const departments = useQuery({
    queryKey: ['catalog.departments'],
    queryFn: () => api.call('catalog.departments'),
    enabled: !!me?.departmentId,
    staleTime: 10 * 60_000,
  });
  if (!me) return null;
  const department = departments.data?.items.find((d) => d.id === me.departmentId);
  // A page with parameters (a booking's slip) is reached from its own page, not linked here.
  const pages = pagesFor(can).filter((p) => p.path !== '/' && !p.path.includes(':'));
  const permitted = ACTIONS.filter((a) => me.permissions[a]);

  return (
    <div className="page">
      <Typography.Title level={2}>{t('home.greeting', { name: me.displayName })}</Typography.Title>
      <Descriptions column={1} size="small" className="home-who">
        <Descriptions.Item label={t('home.role')}>
          {me.roles.map((r) => labels.role[r]).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('home.department')}>
          {me.departmentId ? (department ? localName(department, locale) : '…') : t('home.noDepartment')}
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={4}>{t('home.pages')}</Typography.Title>
      <div className="home-pages">
        {pages.map((p) => (
          <Link key={p.path} to={p.path} className="home-page-link">
            <Card hoverable size="small" title={t(p.title)}>
              {p.summary && t(p.summary)}
            </Card>
          </Link>
        ))}
      </div>
      {pages.length === 0 && <Typography.Paragraph>{t('home.noPages')}</Typography.Paragraph>}

      <Typography.Title level={4}>{t('home.may')}</Typography.Title>
      <Table
        size="small"
        bordered
        showHeader={false}
        pagination={false}
        className="home-may"
        rowKey="action"
        dataSource={permitted.map((action) => ({ action, scope: me.permissions[action]! }))}
        columns={[
          { dataIndex: 'action', render: (action: string) => t(`action.${action}` as MessageKey) },
          {
            dataIndex: 'scope',
            width: 140,
            render: (scope: string) => (
              <Typography.Text type="secondary">{t(`home.scope.${scope}` as MessageKey)}</Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
