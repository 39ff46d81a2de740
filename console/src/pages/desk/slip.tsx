import { bookingLocation, formatYuan, localName, shownBookingStatus } from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { hospitalDateTime } from '../../lib/time';
import { LoadError } from '../results';
import './desk.css';
import { useHospital } from './hooks';

/**
 * A registration slip (挂号单) to print at the window: the hospital's name, the visit number, when and where, the
 * fee and what was paid. On paper only the slip shows (styles.css `@media print` hides the console's frame and
 * the buttons); 打印 opens the browser's print dialog.
 */
export function SlipPage() {
  const { t, labels, locale } = useI18n();
  const { bookingId = '' } = useParams();
  const hospital = useHospital();
  const zone = hospital.data?.timeZone;
  const booking = useQuery({
    queryKey: ['booking.get', bookingId],
    queryFn: () => api.call('booking.get', { params: { id: bookingId } }),
  });

  if (booking.error) return <LoadError error={booking.error} onRetry={() => booking.refetch()} />;
  const b = booking.data;
  const h = hospital.data;
  if (!b || !h) return <Spin />;
  const shown = shownBookingStatus(b);
  const owner = b.doctor
    ? `${localName(b.doctor, locale)} ${labels.doctorTitle[b.doctor.title]}`
    : b.examType
      ? localName(b.examType, locale)
      : '';
  const paid = b.payment ? formatYuan(b.payment.paidFen) : null;
  const rows: [string, string][] = [
    [t('slip.patient'), b.profile.name],
    [t('slip.clinic'), `${localName(b.department, locale)} ${owner}`.trim()],
    [t('slip.time'), `${b.date} ${b.startTime}–${b.endTime}`],
    [t('slip.place'), bookingLocation(b)],
    [
      t('slip.fee'),
      b.feeFen === 0 ? t('desk.free') : paid ? `${paid}（${b.payment!.orderNo}）` : formatYuan(b.feeFen),
    ],
    [t('slip.status'), labels.bookingStatus[shown]],
    [t('slip.bookingNo'), b.id.toUpperCase()],
  ];

  return (
    <div className="page slip-page">
      <Space className="slip-tools">
        <Button type="primary" onClick={() => window.print()} data-testid="slip-print" autoFocus>
          {t('slip.print')}
        </Button>
        <Link to={`/desk?booking=${b.id}`}>
          <Button>{t('slip.back')}</Button>
        </Link>
      </Space>
      <article className="slip" data-testid="slip">
        <header className="slip-head">
          <div className="slip-hospital">{locale === 'en' && h.nameEn ? h.nameEn : h.name}</div>
          <div className="slip-title">{t('slip.title')}</div>
        </header>
        <div className="slip-visit">
          <span>{t('slip.visitNumber')}</span>
          <strong data-testid="slip-visit">{b.visitNumber}</strong>
          {b.isExtra && <span className="slip-extra">{t('desk.extra')}</span>}
        </div>
        <dl className="slip-rows">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="slip-note">{t('slip.note')}</p>
        <footer className="slip-foot">
          {t('slip.printedAt', { at: hospitalDateTime(new Date().toISOString(), zone) })}
          {h.phone ? ` · ${h.phone}` : ''}
        </footer>
      </article>
    </div>
  );
}
