import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Hospital } from '../../api';
import { localName, type MessageKey, useI18n } from '../../i18n';
import './index.css';

/** Opens the phone's dialler with the number (a patient declining is not an error). */
async function dial(number: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber: number.replace(/[^\d+]/g, '') });
  } catch {
    // cancelled
  }
}

/** The hospital's name, enquiry line, address and complaint line (the campaign asks for all three to be shown). */
export function HospitalCard({ hospital }: { hospital: Hospital }) {
  const { t, locale } = useI18n();
  const rows: { key: string; label: MessageKey; value: string | null; phone: boolean }[] = [
    { key: 'phone', label: 'home.phone', value: hospital.phone, phone: true },
    { key: 'address', label: 'home.address', value: hospital.address, phone: false },
    { key: 'complaint', label: 'home.complaint', value: hospital.complaintPhone, phone: true },
  ];
  return (
    <View className="card hospital-card" data-testid="hospital-card">
      <Text className="card__title">{localName(hospital, locale)}</Text>
      {rows.map((r) =>
        r.value ? (
          <View
            key={r.key}
            className={`hospital-card__row${r.phone ? ' hospital-card__row--phone tap' : ''}`}
            onClick={r.phone && r.value ? () => void dial(r.value as string) : undefined}
            data-testid={`hospital-${r.key}`}
          >
            <Text className="hospital-card__label muted">{t(r.label)}</Text>
            <Text className="hospital-card__value">{r.value}</Text>
          </View>
        ) : null,
      )}
    </View>
  );
}
