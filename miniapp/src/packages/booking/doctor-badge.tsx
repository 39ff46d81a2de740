import type { FeeCategory } from '@hospital/shared';
import { doctorPhotoSrc } from '@hospital/shared/api';
import { Tag } from '@nutui/nutui-react-taro';
import { Image, View } from '@tarojs/components';
import { useState } from 'react';
import type { Doctor } from '../../api';
import defaultPhoto from '../../assets/doctor-default.png';
import { config } from '../../config';
import { label } from '../../i18n';
import './doctor-badge.css';

/**
 * The doctor's photo (a URL, or an uploaded photo's storage key served by the API: `doctorPhotoSrc`), or the
 * default picture when there is none or it does not load (a dead link): never a broken image.
 */
export function DoctorPhoto({
  doctor,
  large = false,
}: {
  doctor: Pick<Doctor, 'photoUrl'>;
  large?: boolean;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const src = doctorPhotoSrc(doctor.photoUrl, config.apiBase);
  const own = src && src !== failed ? src : null;
  return (
    <Image
      className={`doctor-photo${large ? ' doctor-photo--large' : ''}`}
      src={own ?? defaultPhoto}
      mode="aspectFill"
      onError={() => setFailed(src)}
      data-testid="doctor-photo"
      data-default={own ? undefined : 'true'}
    />
  );
}

/** Per fee category, colours that keep the text above 4.5:1 on the tag. */
const FEE_COLOURS: Record<FeeCategory, { background: string; color: string }> = {
  GENERAL: { background: '#e6f3f1', color: '#0f5e57' },
  EXPERT: { background: '#e3ebfb', color: '#1d4ed8' },
  SPECIAL: { background: '#fdeee4', color: '#9a3412' },
};

/** The title (主任医师) and the fee category (专家号) as labels. */
export function DoctorTags({ doctor }: { doctor: Pick<Doctor, 'title' | 'feeCategory'> }) {
  return (
    <View className="doctor-tags">
      <Tag background="#eef1f3" color="#334155" className="doctor-tag">
        {label('doctorTitle', doctor.title)}
      </Tag>
      <Tag {...FEE_COLOURS[doctor.feeCategory]} className="doctor-tag">
        {label('feeCategory', doctor.feeCategory)}
      </Tag>
    </View>
  );
}
