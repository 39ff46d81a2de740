import { ID_TYPES, RELATIONSHIPS, SEXES } from '@hospital/shared';
import { Button, Input, Radio } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, api, messageOf, type Profile, type ProfileInput } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, useI18n } from '../../../i18n';
import { usePageParams } from '../../../lib/nav';
import { useAsync } from '../../../lib/use-async';
import './index.css';

type Form = {
  name: string;
  idType: ProfileInput['idType'];
  idNumber: string;
  phone: string;
  relationship: ProfileInput['relationship'];
  birthDate: string;
  sex: ProfileInput['sex'] | '';
};

const EMPTY: Form = {
  name: '',
  idType: 'RESIDENT_ID',
  idNumber: '',
  phone: '',
  relationship: 'SELF',
  birthDate: '',
  sex: '',
};

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <Text className="field__label">{label}</Text>
      <View className="field__control">{children}</View>
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  );
}

export function ProfileForm({ existing, onSaved }: { existing: Profile | null; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (existing) setForm({ ...EMPTY, name: existing.name, relationship: existing.relationship, phone: '' });
  }, [existing]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFormError(undefined);
    try {
      if (existing) {
        await api.call('profiles.update', {
          params: { id: existing.id },
          body: {
            name: form.name,
            relationship: form.relationship,
            ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
          },
        });
      } else {
        const passport = form.idType === 'PASSPORT';
        await api.call('profiles.create', {
          body: {
            name: form.name,
            idType: form.idType,
            idNumber: form.idNumber,
            phone: form.phone,
            relationship: form.relationship,
            ...(passport && form.birthDate ? { birthDate: form.birthDate } : {}),
            ...(passport && form.sex ? { sex: form.sex } : {}),
          },
        });
      }
      void Taro.showToast({ title: t('profiles.saved'), icon: 'success' });
      onSaved();
    } catch (e) {
      // Field problems show at their fields; anything else (limit, duplicate, network) above the button.
      if (e instanceof ApiError && e.details.length) setErrors(e.fieldErrors());
      else setFormError(messageOf(e, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="profile-form" data-testid="profile-form">
      <View className="card">
        <Field label={t('profiles.name')} error={errors.name}>
          <Input
            name="name"
            value={form.name}
            onChange={(v) => set('name', v)}
            placeholder={t('profiles.namePh')}
            maxLength={30}
          />
        </Field>
        {existing ? (
          <Field label={t('profiles.idNumber')}>
            <Text className="muted">
              {existing.idNumberMasked}（{t('profiles.idFixed')}）
            </Text>
          </Field>
        ) : (
          <>
            <Field label={t('profiles.idType')} error={errors.idType}>
              <Radio.Group
                value={form.idType}
                onChange={(v) => set('idType', v as Form['idType'])}
                direction="horizontal"
              >
                {ID_TYPES.map((type) => (
                  <Radio key={type} value={type} shape="button">
                    {label('idType', type)}
                  </Radio>
                ))}
              </Radio.Group>
            </Field>
            <Field label={t('profiles.idNumber')} error={errors.idNumber}>
              <Input
                name="idNumber"
                value={form.idNumber}
                onChange={(v) => set('idNumber', v)}
                placeholder={form.idType === 'PASSPORT' ? t('profiles.passportPh') : t('profiles.idNumberPh')}
                maxLength={32}
              />
            </Field>
            {form.idType === 'PASSPORT' ? (
              <>
                <Field label={t('profiles.birthDate')} error={errors.birthDate}>
                  <Input
                    name="birthDate"
                    value={form.birthDate}
                    onChange={(v) => set('birthDate', v)}
                    placeholder={t('profiles.birthDatePh')}
                    maxLength={10}
                  />
                </Field>
                <Field label={t('profiles.sex')} error={errors.sex}>
                  <Radio.Group
                    value={form.sex}
                    onChange={(v) => set('sex', v as Form['sex'])}
                    direction="horizontal"
                  >
                    {SEXES.map((sex) => (
                      <Radio key={sex} value={sex} shape="button">
                        {label('sex', sex)}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Field>
              </>
            ) : null}
          </>
        )}
        <Field label={t('profiles.phone')} error={errors.phone}>
          <Input
            name="phone"
            type="tel"
            value={form.phone}
            onChange={(v) => set('phone', v)}
            placeholder={existing ? existing.phoneMasked : t('profiles.phonePh')}
            maxLength={20}
          />
        </Field>
        <Field label={t('profiles.relationship')} error={errors.relationship}>
          <Radio.Group
            value={form.relationship}
            onChange={(v) => set('relationship', v as Form['relationship'])}
            direction="horizontal"
            className="field__radios"
          >
            {RELATIONSHIPS.map((r) => (
              <Radio key={r} value={r} shape="button">
                {label('relationship', r)}
              </Radio>
            ))}
          </Radio.Group>
        </Field>
      </View>
      {formError ? (
        <View className="card profile-form__error" role="alert">
          <Text className="error-text">{formError}</Text>
        </View>
      ) : null}
      <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={() => void save()}>
        {t('common.save')}
      </Button>
    </View>
  );
}

export default function ProfileEditPage() {
  const { t } = useI18n();
  const { id } = usePageParams();
  const state = useAsync(
    async () => (id ? ((await api.call('profiles.list')).items.find((p) => p.id === id) ?? null) : null),
    [id],
  );
  return (
    <PageShell title={id ? t('profiles.editTitle') : t('profiles.addTitle')}>
      <View className="page-body">
        <AsyncView
          {...state}
          data={state.loading ? undefined : (state.data ?? null)}
          onRetry={state.reload}
          rows={6}
        >
          {(existing) => <ProfileForm existing={existing} onSaved={() => void Taro.navigateBack()} />}
        </AsyncView>
      </View>
    </PageShell>
  );
}
