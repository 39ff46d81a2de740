import {
  type RosterTemplate,
  rosterTemplateCreateRequest,
  rosterTemplateUpdateRequest,
  SESSION_PERIODS,
  type SessionPeriod,
} from '@hospital/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { FormDrawer } from '../../lib/form-drawer';
import { submitChecked } from '../../lib/forms';
import { useCan } from '../../session/session';
import { type Owner, ownerQuery } from './filters';
import { useGenerationReport } from './generation';
import { useHospital } from './queries';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Weekday = (typeof WEEKDAYS)[number];

/** Where a new session of each period usually sits (the scheduler changes what differs). */
const USUAL_TIMES: Record<SessionPeriod, [string, string]> = {
  AM: ['08:00', '12:00'],
  PM: ['14:00', '17:30'],
  EVENING: ['18:00', '21:00'],
};

interface TemplateValues {
  weekday: Weekday;
  period: SessionPeriod;
  startTime: string;
  endTime: string;
  slotMinutes: number | null;
  capacityPerSlot: number | null;
  feeYuan: number | null;
  roomId: string | null;
  active: boolean;
}

/** The roster as the grid shows it: weekday × period, each cell its sessions. */
function cellsOf(templates: RosterTemplate[]) {
  const cells = new Map<string, RosterTemplate[]>();
  for (const tpl of templates) {
    const key = `${tpl.weekday}:${tpl.period}`;
    cells.set(key, [...(cells.get(key) ?? []), tpl]);
  }
  return cells;
}

/** A doctor's or exam service's weekly roster as a grid; a cell opens its session to change, or adds one. */
export function WeekGrid({ owner }: { owner: Owner }) {
  const { t, labels } = useI18n();
  const can = useCan();
  const editor = can('roster.manage');
  const [editing, setEditing] = useState<{
    template: RosterTemplate | null;
    weekday: Weekday;
    period: SessionPeriod;
  } | null>(null);
  const rosters = useQuery({
    queryKey: ['scheduling.rosters', owner],
    queryFn: () => api.call('scheduling.rosters', { query: ownerQuery(owner) }),
  });
  if (rosters.error) {
    return <Alert type="error" showIcon role="alert" title={messageOf(rosters.error, 'zh-CN')} />;
  }
  const cells = cellsOf(rosters.data?.items ?? []);

  return (
    <>
      {rosters.data && rosters.data.items.length === 0 && (
        <Alert type="info" showIcon className="form-alert" title={t('week.empty')} />
      )}
      <table className="week-grid" aria-busy={rosters.isLoading}>
        <thead>
          <tr>
            <th scope="col">{t('week.period')}</th>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {labels.weekday[d]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SESSION_PERIODS.map((period) => (
            <tr key={period}>
              <th scope="row">{labels.period[period]}</th>
              {WEEKDAYS.map((weekday) => {
                const here = cells.get(`${weekday}:${period}`) ?? [];
                return (
                  <td key={weekday} data-cell={`${weekday}-${period}`}>
                    {here.map((tpl) => (
                      <button
                        type="button"
                        key={tpl.id}
                        className={`roster-card${tpl.active ? '' : ' roster-card-inactive'}`}
                        disabled={!editor}
                        onClick={() => setEditing({ template: tpl, weekday, period })}
                      >
                        <strong>
                          {tpl.startTime}–{tpl.endTime}
                        </strong>
                        <span>{t('week.slotMinutes', { n: tpl.slotMinutes })}</span>
                        <span>{t('week.perSlot', { n: tpl.capacityPerSlot })}</span>
                        {tpl.feeFenOverride !== null && <span>¥{(tpl.feeFenOverride / 100).toFixed(2)}</span>}
                        {!tpl.active && <Tag>{t('week.inactive')}</Tag>}
                      </button>
                    ))}
                    {editor && here.length === 0 && (
                      <Button
                        type="dashed"
                        size="small"
                        block
                        onClick={() => setEditing({ template: null, weekday, period })}
                        aria-label={`${t('week.add')} ${labels.weekday[weekday]}${labels.period[period]}`}
                      >
                        + {t('week.add')}
                      </Button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <TemplateDrawer owner={owner} editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function TemplateDrawer({
  owner,
  editing,
  onClose,
}: {
  owner: Owner;
  editing: { template: RosterTemplate | null; weekday: Weekday; period: SessionPeriod } | null;
  onClose: () => void;
}) {
  const { locale, t, labels } = useI18n();
  const [form] = Form.useForm<TemplateValues>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const queries = useQueryClient();
  const report = useGenerationReport();
  const hospital = useHospital();
  const rooms = useQuery({
    queryKey: ['catalog.rooms'],
    queryFn: () => api.call('catalog.rooms', { query: {} }),
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    if (!editing) return;
    setError(null);
    const tpl = editing.template;
    const [start, end] = USUAL_TIMES[editing.period];
    form.resetFields();
    form.setFieldsValue(
      tpl
        ? {
            weekday: tpl.weekday as Weekday,
            period: tpl.period,
            startTime: tpl.startTime,
            endTime: tpl.endTime,
            slotMinutes: tpl.slotMinutes,
            capacityPerSlot: tpl.capacityPerSlot,
            feeYuan: tpl.feeFenOverride === null ? null : tpl.feeFenOverride / 100,
            roomId: tpl.roomId,
            active: tpl.active,
          }
        : {
            weekday: editing.weekday,
            period: editing.period,
            startTime: start,
            endTime: end,
            slotMinutes: hospital.data?.rules.booking.defaultSlotMinutes ?? 30,
            capacityPerSlot: 4,
            feeYuan: null,
            roomId: null,
            active: true,
          },
    );
  }, [editing, form, hospital.data]);

  const onFinish = async (v: TemplateValues) => {
    setError(null);
    setSending(true);
    const body = {
      weekday: v.weekday,
      period: v.period,
      startTime: v.startTime?.trim(),
      endTime: v.endTime?.trim(),
      slotMinutes: v.slotMinutes ?? undefined,
      capacityPerSlot: v.capacityPerSlot ?? undefined,
      feeFenOverride: v.feeYuan === null || v.feeYuan === undefined ? null : Math.round(v.feeYuan * 100),
      roomId: v.roomId ?? null,
      active: v.active,
    };
    const id = editing?.template?.id;
    let sent = false;
    const failure = id
      ? await submitChecked(form, rosterTemplateUpdateRequest, body, locale, async (patch) => {
          const res = await api.call('scheduling.updateRoster', { params: { id }, body: patch });
          report('week.saved', res.generation, hospital.data?.timeZone);
          sent = true;
        })
      : await submitChecked(
          form,
          rosterTemplateCreateRequest,
          { ...body, ...ownerQuery(owner) },
          locale,
          async (create) => {
            const res = await api.call('scheduling.createRoster', { body: create });
            report('week.saved', res.generation, hospital.data?.timeZone);
            sent = true;
          },
        );
    setSending(false);
    if (failure) return setError(messageOf(failure, locale));
    if (!sent) return;
    await queries.invalidateQueries({ queryKey: ['scheduling.rosters'] });
    onClose();
  };

  const title = editing
    ? t(editing.template ? 'week.editTitle' : 'week.createTitle', {
        weekday: labels.weekday[editing.weekday],
        period: labels.period[editing.period],
      })
    : '';
  return (
    <FormDrawer
      open={editing !== null}
      title={title}
      size={440}
      onClose={onClose}
      keepMounted
      sending={sending}
      error={error}
      onSave={() => form.submit()}
      saveTestId="roster-save"
    >
      <Form form={form} name="roster" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Space.Compact block>
          <Form.Item name="weekday" label={t('week.weekday')} className="half">
            <Select options={WEEKDAYS.map((d) => ({ value: d, label: labels.weekday[d] }))} />
          </Form.Item>
          <Form.Item name="period" label={t('week.period')} className="half">
            <Select options={SESSION_PERIODS.map((p) => ({ value: p, label: labels.period[p] }))} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="startTime" label={t('week.startTime')} className="half">
            <Input placeholder="08:00" autoComplete="off" />
          </Form.Item>
          <Form.Item name="endTime" label={t('week.endTime')} className="half">
            <Input placeholder="12:00" autoComplete="off" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="slotMinutes" label={t('week.slotMinutesLabel')} extra={t('week.slotMinutesHelp')}>
          <InputNumber min={1} className="full" />
        </Form.Item>
        <Form.Item name="capacityPerSlot" label={t('week.capacity')}>
          <InputNumber min={0} className="full" />
        </Form.Item>
        <Form.Item name="feeYuan" label={t('week.fee')} extra={t('week.feeHelp')}>
          <InputNumber min={0} step={1} precision={2} className="full" placeholder={t('week.feeDefault')} />
        </Form.Item>
        <Form.Item name="roomId" label={t('week.room')}>
          <Select
            allowClear
            placeholder={t('week.noRoom')}
            options={(rooms.data?.items ?? [])
              .filter((r) => r.kind !== 'WINDOW' && r.active)
              .map((r) => ({ value: r.id, label: `${r.name}（${labels.roomKind[r.kind]}）` }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('week.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
