import { formatYuan, type PrivacyExport } from '@hospital/shared';
import { Button, Dialog, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api, messageOf } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { waitlistItem } from '../../../components/booking-card';
import { InfoRow } from '../../../components/info-row';
import { PageShell } from '../../../components/page-shell';
import { WechatPrivacyPrompt } from '../../../components/privacy-consent';
import { label, localName, useI18n } from '../../../i18n';
import { go, ROUTES } from '../../../lib/nav';
import { useAsync } from '../../../lib/use-async';
import './index.css';

/** An instant as the phone's local `YYYY-MM-DD HH:mm` (records' times; visits carry the hospital's own). */
function stamp(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * Hands the export to the patient: a JSON file download on H5; on weapp the clipboard (WeChat has no download
 * of arbitrary files; the text pastes into a chat or a note).
 */
async function handOver(data: PrivacyExport): Promise<'downloaded' | 'copied'> {
  const json = JSON.stringify(data, null, 2);
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `my-data-${data.exportedAt.slice(0, 10)}.json`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    return 'downloaded';
  }
  await Taro.setClipboardData({ data: json });
  return 'copied';
}

/** A card of held records: one row per item, "none" when there is none. */
function Section<T>({
  title,
  items,
  row,
}: {
  title: string;
  items: readonly T[];
  row: (item: T) => React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <View className="card privacy-data__section">
      <Text className="card__title">{title}</Text>
      {items.length ? items.map(row) : <Text className="muted">{t('privacy.none')}</Text>}
    </View>
  );
}

function HeldData({ data }: { data: PrivacyExport }) {
  const { t, locale } = useI18n();
  return (
    <>
      <View className="card privacy-data__section">
        <Text className="card__title">{t('privacy.account')}</Text>
        <InfoRow label={t('privacy.createdAt')}>{stamp(data.account.createdAt)}</InfoRow>
        <InfoRow label={t('privacy.lastLogin')}>{stamp(data.account.lastLoginAt)}</InfoRow>
        <InfoRow label={t('privacy.signIn')}>
          {t(data.account.signIn === 'SMS' ? 'privacy.signInSms' : 'privacy.signInWechat')}
        </InfoRow>
      </View>
      <Section
        title={t('privacy.profiles', { n: data.profiles.length })}
        items={data.profiles}
        row={(p) => (
          <View key={p.id} className="privacy-data__row" data-testid={`held-profile-${p.id}`}>
            <Text className="privacy-data__name">
              {p.name}（{label('relationship', p.relationship)}）
              {p.archivedAt ? <Tag className="privacy-data__tag">{t('privacy.archived')}</Tag> : null}
            </Text>
            <Text className="muted">
              {label('idType', p.idType)} {p.idNumberMasked} · {p.phoneMasked}
            </Text>
            <Text className="muted">
              {label('sex', p.sex)} · {p.birthDate}
            </Text>
          </View>
        )}
      />
      <Section
        title={t('privacy.bookings', { n: data.bookings.length })}
        items={data.bookings}
        row={(b) => (
          <Text key={b.id} className="privacy-data__line">
            {b.date} {b.startTime} {localName(b.department, locale)}{' '}
            {b.doctor ? localName(b.doctor, locale) : b.examType ? localName(b.examType, locale) : ''} ·{' '}
            {b.profile.name} · {b.statusLabel}
          </Text>
        )}
      />
      <Section
        title={t('privacy.waitlist', { n: data.waitlist.length })}
        items={data.waitlist}
        row={(w) => (
          <Text key={w.id} className="privacy-data__line">
            {w.date} {label('period', w.period)} {waitlistItem(w)} · {w.profile.name} ·{' '}
            {label('waitlist', w.status)}
          </Text>
        )}
      />
      <Section
        title={t('privacy.bills', { n: data.bills.length })}
        items={data.bills}
        row={(b) => (
          <Text key={b.bookingId} className="privacy-data__line">
            {b.date} {b.item} ·{' '}
            {t('privacy.billNet', { paid: formatYuan(b.paidFen), refunded: formatYuan(b.refundedFen) })}
          </Text>
        )}
      />
      <Section
        title={t('privacy.consents')}
        items={data.consents}
        row={(c) => (
          <Text key={`${c.version}-${c.scope}`} className="privacy-data__line">
            {t('privacy.consentLine', { version: c.version, time: stamp(c.acceptedAt) })}
            {t(c.scope === 'NOTICE' ? 'privacy.scopeNotice' : 'privacy.scopeSensitive')}
            {c.withdrawnAt ? t('privacy.withdrawn') : ''}
          </Text>
        )}
      />
    </>
  );
}

/** "My data": what is held about the patient, an export of it, and deleting the account. */
export default function PrivacyDataPage() {
  const { t, locale } = useI18n();
  const state = useAsync(() => api.call('privacy.export'), []);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const exportData = async () => {
    if (!state.data) return;
    setError(undefined);
    try {
      const how = await handOver(state.data);
      void Taro.showToast({
        title: t(how === 'copied' ? 'privacy.copied' : 'privacy.downloaded'),
        icon: 'success',
      });
    } catch (e) {
      setError(messageOf(e, locale));
    }
  };

  const deleteAccount = async () => {
    setConfirming(false);
    setBusy(true);
    setError(undefined);
    try {
      await api.call('privacy.deleteAccount', { body: { confirm: true } });
      // The server ended every sign-in; forget the tokens here too.
      await api.signOut();
      void Taro.showToast({ title: t('privacy.deleted'), icon: 'success' });
      go(ROUTES.me);
    } catch (e) {
      setError(messageOf(e, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell title={t('privacy.dataTitle')}>
      <View className="page-body privacy-data">
        <WechatPrivacyPrompt />
        <Text className="muted privacy-data__intro">{t('privacy.dataLine')}</Text>
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {(data) => (
            <>
              <HeldData data={data} />
              <View className="privacy-data__actions">
                <Button type="primary" size="large" block onClick={() => void exportData()}>
                  {process.env.TARO_ENV === 'h5' ? t('privacy.export') : t('privacy.copy')}
                </Button>
                <Text className="link privacy-data__policy" onClick={() => go(ROUTES.privacyPolicy)}>
                  {t('privacy.readPolicy')}
                </Text>
                {/* Beside the buttons: a refusal (something still open) shows where the patient tapped. */}
                {error ? (
                  <View className="card privacy-data__error" role="alert">
                    <Text className="error-text">{error}</Text>
                  </View>
                ) : null}
                <Button
                  className="privacy-data__delete"
                  fill="outline"
                  size="large"
                  block
                  loading={busy}
                  disabled={busy}
                  onClick={() => setConfirming(true)}
                >
                  {t('privacy.delete')}
                </Button>
              </View>
            </>
          )}
        </AsyncView>
      </View>
      <Dialog
        visible={confirming}
        title={t('privacy.deleteTitle')}
        confirmText={t('privacy.deleteConfirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => void deleteAccount()}
        onCancel={() => setConfirming(false)}
        onClose={() => setConfirming(false)}
      >
        <View className="privacy-delete" data-testid="delete-explained">
          <Text className="privacy-delete__line">{t('privacy.deleteErased')}</Text>
          <Text className="privacy-delete__line">{t('privacy.deleteKept')}</Text>
          <Text className="privacy-delete__line muted">{t('privacy.deleteOpen')}</Text>
        </View>
      </Dialog>
    </PageShell>
  );
}
