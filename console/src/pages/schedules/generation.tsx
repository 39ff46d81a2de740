import type { GenerationReport } from '@hospital/shared';
import { App, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { hospitalDateTime } from '../../lib/time';

/**
 * Says what regenerating the booking window did after a roster change — and, when booked slots were kept as
 * they were, which ones and why (the server's reasons), so the scheduler knows no patient was moved.
 */
export function useGenerationReport() {
  const { t, labels } = useI18n();
  const { message, modal } = App.useApp();
  return (done: string, report: GenerationReport, zone: string | undefined) => {
    message.success(
      t(done as 'week.saved', {
        created: report.slotsCreated,
        changed: report.slotsChanged,
        removed: report.slotsRemoved,
      }),
    );
    if (!report.kept.length) return;
    modal.info({
      title: t('week.keptTitle', { count: report.kept.length }),
      width: 560,
      content: (
        <div className="kept-slots">
          <Typography.Paragraph>{t('week.keptBody')}</Typography.Paragraph>
          <ul>
            {report.kept.map((k) => (
              <li key={k.slotId}>
                <strong>{hospitalDateTime(k.startsAt, zone)}</strong> — {labels.keptSlot[k.code]}
              </li>
            ))}
          </ul>
        </div>
      ),
    });
  };
}
