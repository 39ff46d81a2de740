import { Button, Result, Spin } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { Navigate, useLocation } from 'react-router';
import { messageOf } from '../api';
import { useI18n } from '../i18n';
import { endedBySignOut, useMe, useSignedIn } from './session';

/** A signed-out return to sign-in remembers the page: `/sign-in?next=/audit%3Fpage%3D2`. */
export function signInPath(next: string, reason?: 'expired' | 'signedOut'): string {
  const params = new URLSearchParams();
  if (next && next !== '/') params.set('next', next);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
}

/**
 * The signed-in part of the console. Nobody signed in: to the sign-in page, with this page as `next`. A
 * sign-in that ends while here (refresh refused, ended elsewhere) does the same, saying so. A sign-out made on
 * purpose (the user menu) goes to the sign-in page saying that instead.
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  const wasSignedIn = useRef(signedIn);
  const me = useMe();
  const { locale, t } = useI18n();
  useEffect(() => {
    if (signedIn) wasSignedIn.current = true;
  }, [signedIn]);

  if (!signedIn) {
    if (endedBySignOut()) return <Navigate to={signInPath('/', 'signedOut')} replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={signInPath(next, wasSignedIn.current ? 'expired' : undefined)} replace />;
  }
  if (me.isPending) {
    return (
      <div className="centered">
        <Spin size="large" description={t('common.loading')}>
          <div style={{ width: 120, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title={messageOf(me.error, locale)}
        extra={<Button onClick={() => me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <>{children}</>;
}
