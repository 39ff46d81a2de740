// Who may be booked here, shown before a slot is picked: the restrictions (妇产科 female only, 儿科 up to the
// hospital's age…) and, for the profile booking, why it cannot be booked — the same shared rule and the same
// sentence as the server's NOT_ELIGIBLE (docs/decisions/018-eligibility.md).
import {
  ERROR_MESSAGES_WITH,
  type Ineligibility,
  ineligibility,
  type Restriction,
  restrictionText,
} from '@hospital/shared';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { api, type Profile } from '../../api';
import { localName, useI18n } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import './eligibility.css';

type Patient = Pick<Profile, 'id' | 'name' | 'sex' | 'birthDate'>;

/** The profile picked on a booking page, kept for the next one (confirm preselects it). */
let chosen: string | undefined;

export function chosenProfile(): string | undefined {
  return chosen;
}

/** Remembers the profile the page shows eligibility for, so that confirm books for the same one. */
export function rememberProfile(id: string | undefined): void {
  chosen = id;
}

/** The profile the pages book for: the one picked before, else the patient themself, else the first. */
export function bookingProfile<P extends Patient & { relationship?: string }>(items: P[]): P | undefined {
  return items.find((p) => p.id === chosen) ?? items.find((p) => p.relationship === 'SELF') ?? items[0];
}

/**
 * The patient's profiles and the one a booking page shows eligibility for (picked before, else the patient
 * themself). Browsing signs nobody in: without a sign-in there is no profile and no notice. A failure to load
 * them only hides the notice: the server decides anyway.
 */
export function useBookingProfile() {
  const profiles = useAsync(
    () =>
      api.signedIn
        ? api
            .call('profiles.list')
            .then((r) => r.items)
            .catch(() => [])
        : Promise.resolve([]),
    [],
  );
  const [profileId, setProfileId] = useState<string>();
  useEffect(() => {
    const items = profiles.data ?? [];
    if (!items.length || items.some((p) => p.id === profileId)) return;
    const id = bookingProfile(items)?.id;
    rememberProfile(id);
    setProfileId(id);
  }, [profiles.data, profileId]);
  return { profiles, profileId, setProfileId };
}

/** Why this profile cannot be booked on that day (the hospital's calendar day of the slot), or null. */
export function refusal(
  profile: Patient | undefined,
  restrictions: readonly Restriction[],
  date: string | undefined,
): Ineligibility | null {
  if (!profile || !date || restrictions.length === 0) return null;
  return ineligibility(profile, restrictions, date);
}

/**
 * The restrictions, the profile picker (with more than one profile) and, when the picked profile is not
 * eligible on `date`, the reason as an alert. Renders nothing where anyone may book.
 */
export function EligibilityNotice(props: {
  restrictions: readonly Restriction[];
  profiles: Patient[];
  profileId: string | undefined;
  onPick: (id: string) => void;
  date: string | undefined;
}) {
  const { restrictions, profiles, profileId, onPick, date } = props;
  const { t, locale } = useI18n();
  if (restrictions.length === 0) return null;
  const lang = locale === 'en' ? 'en' : 'zh';
  const picked = profiles.find((p) => p.id === profileId);
  const refused = refusal(picked, restrictions, date);
  return (
    <View className="card eligibility" data-testid="eligibility">
      <Text className="eligibility__title">{t('eligibility.scope')}</Text>
      {restrictions.map((r) => (
        <Text key={`${r.scope}-${r.name}`} className="eligibility__rule">
          {localName(r, locale)} {restrictionText(r)[lang]}
        </Text>
      ))}
      {profiles.length > 1 ? (
        <View className="eligibility__profiles">
          <Text className="muted">{t('eligibility.for')}</Text>
          {profiles.map((p) => (
            <Text
              key={p.id}
              className={`eligibility__profile tap${p.id === profileId ? ' eligibility__profile--active' : ''}`}
              onClick={() => {
                rememberProfile(p.id);
                onPick(p.id);
              }}
              data-testid={`eligibility-profile-${p.id}`}
            >
              {p.name}
            </Text>
          ))}
        </View>
      ) : null}
      {refused ? (
        <View className="eligibility__refused" role="alert" data-testid="eligibility-refused">
          <Text>
            {(picked && profiles.length > 1 ? `${picked.name}${lang === 'zh' ? '：' : ': '}` : '') +
              ERROR_MESSAGES_WITH.NOT_ELIGIBLE(refused)[lang]}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
