import { Alert, Button, Result, Spin } from 'antd';
import { Link } from 'react-router';
import { messageOf } from '../api';
import { type MessageKey, useI18n } from '../i18n';

function PageResult({ status, title, body }: { status: '403' | '404'; title: MessageKey; body: MessageKey }) {
  const { t } = useI18n();
  return (
    <Result
      status={status}
      title={t(title)}
      subTitle={t(body)}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** A page the signed-in member's permissions do not open (the server would answer 403 to its calls). */
export const NoAccessPage = () => <PageResult status="403" title="noAccess.title" body="noAccess.body" />;

export const NotFoundPage = () => <PageResult status="404" title="notFound.title" body="notFound.body" />;

/** A list that could not be loaded: the server's message (or the lost connection's) and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { locale, t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={messageOf(error, locale)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/** While a page's code is on its way (the first visit to it). */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page-loading">
      <Spin description={t('common.loading')}>
        <div className="page-loading-box" />
      </Spin>
    </div>
  );
}
