import {
  DOCTOR_PHOTO_MAX_BYTES,
  DOCTOR_PHOTO_TYPES,
  type Doctor,
  type DoctorPhotoType,
  doctorPhotoSrc,
} from '@hospital/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';

const MB = DOCTOR_PHOTO_MAX_BYTES / 1024 / 1024;

/** A file's bytes as base64 (what `catalog.uploadDoctorPhoto` takes). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A doctor's photo in a table row: the uploaded one or a blank square. */
export function DoctorThumb({ doctor }: { doctor: Pick<Doctor, 'photoUrl' | 'name'> }) {
  const src = doctorPhotoSrc(doctor.photoUrl);
  return src ? (
    <img className="catalog-photo" src={src} alt={doctor.name} />
  ) : (
    <span className="catalog-photo" style={{ display: 'inline-block' }} />
  );
}

/**
 * The photo in the doctor's drawer, and its upload: the type and size are checked here first (the server checks
 * the bytes again), the new photo replaces the old at once, in the lists and in the patient app.
 */
export function DoctorPhotoField({
  doctor,
  onUploaded,
}: {
  doctor: Doctor;
  onUploaded: (d: Doctor) => void;
}) {
  const { locale, t } = useI18n();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const queries = useQueryClient();
  const src = doctorPhotoSrc(doctor.photoUrl);

  const upload = async (file: File) => {
    setError(null);
    if (!(DOCTOR_PHOTO_TYPES as readonly string[]).includes(file.type)) {
      setError(t('catalog.doctor.photoWrongType'));
      return;
    }
    if (file.size > DOCTOR_PHOTO_MAX_BYTES) {
      setError(t('catalog.doctor.photoTooLarge', { mb: MB }));
      return;
    }
    setSending(true);
    try {
      const saved = await api.call('catalog.uploadDoctorPhoto', {
        params: { id: doctor.id },
        body: { contentType: file.type as DoctorPhotoType, data: await base64Of(file) },
      });
      onUploaded(saved);
      message.success(t('catalog.doctor.photoDone'));
      await queries.invalidateQueries({ queryKey: ['catalog.adminDoctors'] });
    } catch (failure) {
      setError(messageOf(failure, locale));
    } finally {
      setSending(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="catalog-photo-field">
      <Space align="start" size={16}>
        {src ? (
          <img className="catalog-photo-large" src={src} alt={doctor.name} data-testid="doctor-photo" />
        ) : (
          <div className="catalog-photo-large" />
        )}
        <Space orientation="vertical" size={4}>
          {!src && <Typography.Text type="secondary">{t('catalog.doctor.noPhoto')}</Typography.Text>}
          <Button loading={sending} onClick={() => input.current?.click()} data-testid="doctor-photo-upload">
            {t('catalog.doctor.photoUpload')}
          </Button>
          <Typography.Text type="secondary">{t('catalog.doctor.photoHelp', { mb: MB })}</Typography.Text>
        </Space>
      </Space>
      <input
        ref={input}
        type="file"
        hidden
        accept={DOCTOR_PHOTO_TYPES.join(',')}
        data-testid="doctor-photo-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
    </div>
  );
}
