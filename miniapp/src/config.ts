// Build-time settings. Taro inlines TARO_APP_* variables from .env.<mode> (real environment variables win).
export const config = {
  hospitalName: process.env.TARO_APP_HOSPITAL_NAME || '医院',
  /** Calm clinical teal; keep app.css's --nutui-color-primary in step with the default. */
  brandColor: process.env.TARO_APP_BRAND_COLOR || '#0f766e',
  /** weapp needs an absolute origin; H5 is served by the API server itself, so '' means same origin. */
  apiBase:
    (process.env.TARO_ENV === 'h5' ? process.env.TARO_APP_H5_API_BASE : process.env.TARO_APP_API_BASE) ?? '',
} as const;
