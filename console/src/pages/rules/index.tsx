import type { Hospital } from '@hospital/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, isApiError, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { hospitalDateTime } from '../../lib/time';
import { useCan } from '../../session/session';
import { LoadError, PageLoading } from '../results';
import '../catalog/catalog.css';
import { formValuesOf, type RuleField, ruleGroups, ruleIssues, rulesOf, rulesPatch } from './schema-form';

const GROUPS = ruleGroups();

/**
 * One rule's editor, by its kind. Form.Item hands its direct child the value, onChange and id; they are passed on
 * to the control (a wrapper that dropped them would show nothing and save nothing).
 */
function Editor({
  field,
  disabled,
  ...control
}: { field: RuleField; disabled: boolean } & Record<string, unknown>) {
  switch (field.kind) {
    case 'boolean':
      return <Switch {...control} disabled={disabled} />;
    case 'enum':
      return (
        <Select
          {...control}
          disabled={disabled}
          options={field.options?.map((o) => ({ value: o, label: String(o) }))}
        />
      );
    case 'time':
      return <Input {...control} disabled={disabled} placeholder="HH:mm" className="rule-input" />;
    case 'fen':
      return (
        <InputNumber
          {...control}
          disabled={disabled}
          min={0}
          step={1}
          precision={2}
          prefix="¥"
          className="rule-input"
        />
      );
    default:
      // No min/max here: a value outside the range is the schema's to refuse, with its message at the field.
      return (
        <InputNumber
          {...control}
          disabled={disabled}
          step={field.kind === 'number' ? 0.01 : 1}
          precision={field.kind === 'integer' ? 0 : undefined}
          className="rule-input"
        />
      );
  }
}

/**
 * The hospital's rules (`hospital.read`; changed with `hospital.update`, admin only): a form generated from the
 * shared rules schema, checked by that schema before anything is sent, the server's field errors at the fields.
 * A scheduler reads it with every field disabled and no save button.
 */
export function RulesPage() {
  const { locale, t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const editable = can('hospital.update');
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const queries = useQueryClient();
  const hospital = useQuery({
    queryKey: ['catalog.adminHospital'],
    queryFn: () => api.call('catalog.adminHospital'),
  });
  const initial = useMemo(
    () => (hospital.data ? formValuesOf(hospital.data.rules, GROUPS) : null),
    [hospital.data],
  );
  useEffect(() => {
    if (initial) form.setFieldsValue(initial);
  }, [initial, form]);

  if (hospital.error) return <LoadError error={hospital.error} onRetry={() => hospital.refetch()} />;
  if (!hospital.data) return <PageLoading />;
  const stored: Hospital = hospital.data;

  const onFinish = async () => {
    setError(null);
    const values = form.getFieldsValue(true);
    const next = rulesOf(values, GROUPS);
    const issues = ruleIssues(next, locale);
    form.setFields(
      GROUPS.flatMap((g) => g.fields).map((f) => ({
        name: f.path,
        errors: issues.filter((i) => i.name.join('.') === f.path.join('.')).map((i) => i.message),
      })),
    );
    if (issues.length) {
      setError(t('rules.invalid', { count: issues.length }));
      return;
    }
    const patch = rulesPatch(stored.rules, next);
    if (!Object.keys(patch).length) {
      message.info(t('rules.nothingChanged'));
      return;
    }
    setSending(true);
    try {
      const saved = await api.call('catalog.updateHospital', { body: { rules: patch } });
      queries.setQueryData(['catalog.adminHospital'], saved);
      await queries.invalidateQueries({ queryKey: ['catalog.hospital'] });
      message.success(t('rules.saved'));
    } catch (failure) {
      if (isApiError(failure) && failure.code === 'VALIDATION_FAILED' && failure.details.length) {
        form.setFields(
          failure.details.map((d) => ({
            name: d.path.replace(/^body\.rules\./, '').split('.'),
            errors: [d.message],
          })),
        );
        setError(t('rules.invalid', { count: failure.details.length }));
      } else setError(messageOf(failure, locale));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="page">
      <Space className="page-head" align="center">
        <Typography.Title level={2}>{t('rules.title')}</Typography.Title>
        <Typography.Text type="secondary">
          {t('rules.updatedAt', { at: hospitalDateTime(stored.updatedAt, stored.timeZone) })}
        </Typography.Text>
      </Space>
      {!editable && <Alert type="info" showIcon title={t('rules.readOnly')} className="form-alert" />}
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form
        form={form}
        name="hospital-rules"
        layout="vertical"
        onFinish={onFinish}
        disabled={!editable}
        initialValues={initial ?? undefined}
      >
        <div className="rules-groups">
          {GROUPS.map((group) => (
            <Card key={group.name} title={t(group.title)} size="small" data-testid={`rules-${group.name}`}>
              {group.fields.map((field) => (
                <Form.Item
                  key={field.path.join('.')}
                  name={field.path}
                  label={t(field.label)}
                  valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
                  extra={
                    <>
                      {t(field.help)}
                      {field.min !== undefined && field.max !== undefined && field.kind !== 'fen' && (
                        <> · {t('rules.range', { min: field.min, max: field.max })}</>
                      )}
                    </>
                  }
                >
                  <Editor field={field} disabled={!editable} />
                </Form.Item>
              ))}
            </Card>
          ))}
        </div>
        {editable && (
          <Space className="rules-actions">
            <Button type="primary" htmlType="submit" loading={sending} data-testid="rules-save">
              {t('rules.save')}
            </Button>
            <Button
              htmlType="button"
              onClick={() => {
                form.resetFields();
                if (initial) form.setFieldsValue(initial);
                setError(null);
              }}
            >
              {t('rules.reset')}
            </Button>
          </Space>
        )}
      </Form>
    </div>
  );
}
