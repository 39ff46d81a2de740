import { localDate, localName } from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/** The hospital (its name for the slip, its time zone for "today"), cached like every page does. */
export function useHospital() {
  return useQuery({
    queryKey: ['catalog.hospital'],
    queryFn: () => api.call('catalog.hospital'),
    staleTime: 10 * 60_000,
  });
}

/** Today in the hospital's zone (not the browser's), or undefined until the zone is known. */
export function useHospitalToday(): string | undefined {
  const zone = useHospital().data?.timeZone;
  return zone ? localDate(new Date(), zone) : undefined;
}

/** The departments patients can book, as select options in the reader's language. */
export function useDepartmentOptions() {
  const { locale } = useI18n();
  return useQuery({
    queryKey: ['catalog.departments', locale],
    queryFn: () => api.call('catalog.departments'),
    staleTime: 10 * 60_000,
    select: (d) => d.items.map((x) => ({ value: x.id, label: localName(x, locale) })),
  });
}
