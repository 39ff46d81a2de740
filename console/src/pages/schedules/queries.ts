import { localName } from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/** The hospital (time zone and rules), read by every tab. */
export function useHospital() {
  return useQuery({
    queryKey: ['catalog.hospital'],
    queryFn: () => api.call('catalog.hospital'),
    staleTime: 10 * 60_000,
  });
}

/** The departments patients book in, for the pickers. */
export function useDepartments() {
  const { locale } = useI18n();
  return useQuery({
    queryKey: ['catalog.departments'],
    queryFn: () => api.call('catalog.departments'),
    staleTime: 10 * 60_000,
    select: (data) => data.items.map((d) => ({ value: d.id, label: localName(d, locale) })),
  });
}
