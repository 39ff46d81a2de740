import { Button, Dialog, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api, messageOf, type Profile } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, useI18n } from '../../../i18n';
import { go, ROUTES } from '../../../lib/nav';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';
import './index.css';

export default function ProfilesPage() {
  const { t, locale } = useI18n();
  const state = useAsync(() => api.call('profiles.list'), []);
  usePullToRefresh(state.reload);
  useDidShow(() => {
    if (state.data) void state.reload();
  });
  const [removing, setRemoving] = useState<Profile | null>(null);
  const [error, setError] = useState<string>();

  const remove = async () => {
    const profile = removing;
    setRemoving(null);
    if (!profile) return;
    try {
      await api.call('profiles.remove', { params: { id: profile.id } });
      void Taro.showToast({ title: t('profiles.removed'), icon: 'success' });
      await state.reload();
    } catch (e) {
      setError(messageOf(e, locale));
    }
  };

  return (
    <PageShell title={t('profiles.title')}>
      <View className="page-body">
        {error ? (
          <View className="card" role="alert">
            <Text className="error-text">{error}</Text>
          </View>
        ) : null}
        <AsyncView
          {...state}
          onRetry={state.reload}
          isEmpty={(d) => d.items.length === 0}
          emptyText={t('profiles.empty')}
          emptyAction={
            <Button type="primary" onClick={() => go(ROUTES.profileEdit)}>
              {t('profiles.add')}
            </Button>
          }
        >
          {(data) => (
            <>
              <Text className="section-title">
                {t('profiles.count', { n: data.items.length, max: data.max })}
              </Text>
              {data.items.map((p) => (
                <View key={p.id} className="card" data-testid={`profile-${p.id}`}>
                  <View className="profile-head">
                    <Text className="card__title profile-name">{p.name}</Text>
                    <Tag background="#e6f3f1" color="#0f766e">
                      {label('relationship', p.relationship)}
                    </Tag>
                  </View>
                  <Text className="muted profile-line">
                    {label('idType', p.idType)} {p.idNumberMasked ?? ''}
                  </Text>
                  {p.guardian ? (
                    <Text className="muted profile-line">
                      {t('profiles.guardianOf', { name: p.guardian.name })} ·{' '}
                      {label('idType', p.guardian.idType)} {p.guardian.idNumberMasked}
                    </Text>
                  ) : null}
                  <Text className="muted profile-line">{p.phoneMasked}</Text>
                  <View className="card__actions">
                    <Button size="small" fill="outline" onClick={() => setRemoving(p)}>
                      {t('profiles.remove')}
                    </Button>
                    <Button
                      size="small"
                      type="primary"
                      fill="outline"
                      onClick={() => go(ROUTES.profileEdit, { id: p.id })}
                    >
                      {t('profiles.edit')}
                    </Button>
                  </View>
                </View>
              ))}
              <Button
                type="primary"
                size="large"
                block
                disabled={data.items.length >= data.max}
                onClick={() => go(ROUTES.profileEdit)}
              >
                {data.items.length >= data.max ? t('profiles.full') : t('profiles.add')}
              </Button>
            </>
          )}
        </AsyncView>
      </View>
      <Dialog
        visible={removing !== null}
        title={removing ? t('profiles.removeTitle', { name: removing.name }) : ''}
        confirmText={t('profiles.remove')}
        cancelText={t('common.cancel')}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
        onClose={() => setRemoving(null)}
      >
        {t('profiles.removeLine')}
      </Dialog>
    </PageShell>
  );
}
