import { localDate, localTime } from '@hospital/shared';

/** An instant as the hospital's local date and time (`2026-12-01 09:30`); the ISO text until the zone is known. */
export function hospitalDateTime(at: string, zone: string | undefined): string {
  return zone ? `${localDate(new Date(at), zone)} ${localTime(new Date(at), zone)}` : at;
}
