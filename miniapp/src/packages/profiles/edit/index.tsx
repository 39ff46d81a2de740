import {
  birthDateBounds,
  CHILD_NO_ID_MAX_AGE,
  checkIdNumber,
  checkProfileInput,
  DOCUMENT_TYPES,
  type DocumentType,
  ID_TYPES,
  type IdentityMessageKey,
  identityMessage,
  nameIssue,
  normalizeMobile,
  numberCarriesBirthFacts,
  type ProfileDraft,
  type ProfileField,
  RELATIONSHIPS,
  SEXES,
} from '@hospital/shared';
import { Button, DatePicker, Input, Radio } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, api, messageOf, type Profile, type ProfileInput } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { PrivacyConsentGate } from '../../../components/privacy-consent';
import { label, type MessageKey, useI18n } from '../../../i18n';
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
  sex: NonNullable<ProfileInput['sex']> | '';
  guardianName: string;
  guardianIdType: DocumentType;
  guardianIdNumber: string;
};

const EMPTY: Form = {
  name: '',
  idType: 'RESIDENT_ID',
  idNumber: '',
  phone: '',
  relationship: 'SELF',
  birthDate: '',
  sex: '',
  guardianName: '',
  guardianIdType: 'RESIDENT_ID',
  guardianIdNumber: '',
};

/** Every field a new profile has: all of them show their errors on save. */
const ALL_FIELDS: readonly ProfileField[] = [
  'name',
  'idType',
  'idNumber',
  'phone',
  'birthDate',
  'sex',
  'guardianName',
  'guardianIdType',
  'guardianIdNumber',
];

const PLACEHOLDERS: Record<DocumentType, MessageKey> = {
  RESIDENT_ID: 'profiles.idNumberPh',
  HK_MACAO_PERMIT: 'profiles.hkMacaoPh',
  TAIWAN_PERMIT: 'profiles.taiwanPh',
  FOREIGN_PERMANENT_ID: 'profiles.foreignPh',
  PASSPORT: 'profiles.passportPh',
};

/** What the form sends for a new profile: the birth date and sex only where the number does not carry them. */
function draftOf(f: Form): ProfileDraft {
  const common = { name: f.name, phone: f.phone };
  const facts = { birthDate: f.birthDate || undefined, sex: f.sex || undefined };
  if (f.idType === 'CHILD_NO_ID') {
    return {
      ...common,
      idType: f.idType,
      ...facts,
      guardianName: f.guardianName,
      guardianIdType: f.guardianIdType,
      guardianIdNumber: f.guardianIdNumber,
    };
  }
  return {
    ...common,
    idType: f.idType,
    idNumber: f.idNumber,
    ...(numberCarriesBirthFacts(f.idType, f.idNumber) ? {} : facts),
  };
}

/** An edit changes name, phone (blank: unchanged) and relationship only. */
function editIssues(f: Form): { field: ProfileField; key: IdentityMessageKey }[] {
  const name = nameIssue(f.name);
  return [
    ...(name ? [{ field: 'name' as const, key: name }] : []),
    ...(f.phone.trim() && normalizeMobile(f.phone) === null
      ? [{ field: 'phone' as const, key: 'mobile' as const }]
      : []),
  ];
}

/** YYYY-MM-DD as a local date (the picker's columns), and back. */
const toLocalDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
};
const pad = (n: number | string) => String(n).padStart(2, '0');

/** The picker's range: from 1900 (or, for a child without an ID, their 16th birthday's eve) to today in China. */
function pickerBounds(child: boolean) {
  const { min, max } = birthDateBounds();
  const end = toLocalDate(max);
  if (!child) return { start: toLocalDate(min), end };
  const start = new Date(end.getFullYear() - CHILD_NO_ID_MAX_AGE - 1, end.getMonth(), end.getDate() + 1);
  return { start, end };
}

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <Text className="field__label">{label}</Text>
      {hint ? <Text className="field__hint">{hint}</Text> : null}
      <View className="field__control">{children}</View>
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  );
}

function DocumentTypes<T extends string>({
  types,
  value,
  onChange,
}: {
  types: readonly T[];
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <Radio.Group
      value={value}
      onChange={(v) => onChange(v as T)}
      direction="horizontal"
      className="field__radios"
    >
      {types.map((type) => (
        <Radio key={type} value={type} shape="button">
          {label('idType', type as ProfileInput['idType'])}
        </Radio>
      ))}
    </Radio.Group>
  );
}

export function ProfileForm({ existing, onSaved }: { existing: Profile | null; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState<ReadonlySet<ProfileField>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (existing) setForm({ ...EMPTY, name: existing.name, relationship: existing.relationship, phone: '' });
  }, [existing]);

  const touch = (...fields: ProfileField[]) => setTouched((s) => new Set([...s, ...fields]));
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setServerErrors((e) => ({ ...e, [key]: '' }));
    setFormError(undefined);
  };

  const child = form.idType === 'CHILD_NO_ID';
  // Birth date and sex come from a number that carries them: shown, locked, and not sent.
  const fromNumber =
    !existing && form.idType !== 'CHILD_NO_ID' && numberCarriesBirthFacts(form.idType, form.idNumber);
  const read = fromNumber && form.idType !== 'CHILD_NO_ID' ? checkIdNumber(form.idType, form.idNumber) : null;
  const derived =
    read?.ok && read.birthDate && read.sex ? { birthDate: read.birthDate, sex: read.sex } : null;
  const birthDate = fromNumber ? (derived?.birthDate ?? '') : form.birthDate;
  const sex = fromNumber ? (derived?.sex ?? '') : form.sex;

  // The shared rules the server runs too: every problem at once, shown at the fields already left (all on save).
  const issues = existing ? editIssues(form) : checkProfileInput(draftOf(form)).issues;
  const errors: Partial<Record<ProfileField, string>> = {};
  for (const issue of issues) {
    if (touched.has(issue.field)) errors[issue.field] ??= identityMessage(issue.key, locale);
  }
  const errorOf = (field: ProfileField | 'relationship') =>
    (field === 'relationship' ? undefined : errors[field]) ?? (serverErrors[field] || undefined);

  const save = async () => {
    setFormError(undefined);
    if (issues.length) {
      touch(...ALL_FIELDS);
      setFormError(t('profiles.fixErrors'));
      return;
    }
    setBusy(true);
    setServerErrors({});
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
        await api.call('profiles.create', { body: { ...draftOf(form), relationship: form.relationship } });
      }
      void Taro.showToast({ title: t('profiles.saved'), icon: 'success' });
      onSaved();
    } catch (e) {
      // Field problems show at their fields; anything else (limit, duplicate, network) above the button.
      if (e instanceof ApiError && e.details.length) setServerErrors(e.fieldErrors());
      else setFormError(messageOf(e, locale));
    } finally {
      setBusy(false);
    }
  };

  const bounds = pickerBounds(child);
  const pickerValue = birthDate
    ? toLocalDate(birthDate)
    : child
      ? bounds.end
      : new Date(bounds.end.getFullYear() - 30, 0, 1);

  return (
    <View className="profile-form" data-testid="profile-form">
      <View className="card">
        <Field label={t('profiles.name')} error={errorOf('name')}>
          <Input
            name="name"
            value={form.name}
            onChange={(v) => set('name', v)}
            onBlur={() => touch('name')}
            placeholder={t('profiles.namePh')}
            maxLength={30}
          />
        </Field>
        {existing ? (
          <Field label={t('profiles.idNumber')}>
            <Text className="muted">
              {label('idType', existing.idType)} {existing.idNumberMasked ?? ''}（{t('profiles.idFixed')}）
            </Text>
          </Field>
        ) : (
          <>
            <Field label={t('profiles.idType')} error={errorOf('idType')}>
              <DocumentTypes
                types={ID_TYPES}
                value={form.idType}
                onChange={(v) => {
                  set('idType', v);
                  setTouched((s) => new Set([...s].filter((f) => f === 'name' || f === 'phone')));
                }}
              />
            </Field>
            {child ? (
              <>
                <Text className="field__note">{t('profiles.childLine')}</Text>
                <Field label={t('profiles.guardianName')} error={errorOf('guardianName')}>
                  <Input
                    name="guardianName"
                    value={form.guardianName}
                    onChange={(v) => set('guardianName', v)}
                    onBlur={() => touch('guardianName')}
                    placeholder={t('profiles.guardianNamePh')}
                    maxLength={30}
                  />
                </Field>
                <Field label={t('profiles.guardianIdType')} error={errorOf('guardianIdType')}>
                  <DocumentTypes
                    types={DOCUMENT_TYPES}
                    value={form.guardianIdType}
                    onChange={(v) => set('guardianIdType', v)}
                  />
                </Field>
                <Field label={t('profiles.guardianIdNumber')} error={errorOf('guardianIdNumber')}>
                  <Input
                    name="guardianIdNumber"
                    value={form.guardianIdNumber}
                    onChange={(v) => set('guardianIdNumber', v)}
                    onBlur={() => touch('guardianIdNumber')}
                    placeholder={t(PLACEHOLDERS[form.guardianIdType])}
                    maxLength={32}
                  />
                </Field>
              </>
            ) : (
              <Field label={t('profiles.idNumber')} error={errorOf('idNumber')}>
                <Input
                  name="idNumber"
                  value={form.idNumber}
                  onChange={(v) => set('idNumber', v)}
                  onBlur={() => touch('idNumber')}
                  placeholder={t(PLACEHOLDERS[form.idType as DocumentType])}
                  maxLength={32}
                />
              </Field>
            )}
            <Field
              label={t('profiles.birthDate')}
              error={errorOf('birthDate')}
              hint={fromNumber ? t(derived ? 'profiles.fromId' : 'profiles.fromIdPending') : undefined}
            >
              <View
                className={`picker-field${fromNumber ? ' picker-field--locked' : ''}`}
                data-testid="birth-date"
                aria-disabled={fromNumber}
                onClick={() => {
                  if (!fromNumber) setPicking(true);
                }}
              >
                <Text className={birthDate ? '' : 'picker-field__placeholder'}>
                  {birthDate || (fromNumber ? '—' : t('profiles.birthDatePh'))}
                </Text>
              </View>
              <DatePicker
                visible={picking}
                type="date"
                title={t('profiles.birthDate')}
                showChinese={locale === 'zh-CN'}
                startDate={bounds.start}
                endDate={bounds.end}
                value={pickerValue}
                onClose={() => {
                  setPicking(false);
                  touch('birthDate');
                }}
                onConfirm={(_options, [y, m, d]) => set('birthDate', `${y}-${pad(m!)}-${pad(d!)}`)}
              />
            </Field>
            <Field
              label={t('profiles.sex')}
              error={errorOf('sex')}
              hint={fromNumber ? t(derived ? 'profiles.fromId' : 'profiles.fromIdPending') : undefined}
            >
              <Radio.Group
                value={sex}
                disabled={fromNumber}
                onChange={(v) => {
                  set('sex', v as Form['sex']);
                  touch('sex');
                }}
                direction="horizontal"
              >
                {SEXES.map((s) => (
                  <Radio key={s} value={s} shape="button">
                    {label('sex', s)}
                  </Radio>
                ))}
              </Radio.Group>
            </Field>
          </>
        )}
        <Field label={t('profiles.phone')} error={errorOf('phone')}>
          <Input
            name="phone"
            type="tel"
            value={form.phone}
            onChange={(v) => set('phone', v)}
            onBlur={() => touch('phone')}
            placeholder={existing ? existing.phoneMasked : t('profiles.phonePh')}
            maxLength={20}
          />
        </Field>
        <Field label={t('profiles.relationship')} error={errorOf('relationship')}>
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
          {(existing) => (
            <PrivacyConsentGate>
              <ProfileForm existing={existing} onSaved={() => void Taro.navigateBack()} />
            </PrivacyConsentGate>
          )}
        </AsyncView>
      </View>
    </PageShell>
  );
}
