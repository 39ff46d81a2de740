import type { Action } from '@hospital/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api } from '../api';

export const ME_KEY = ['auth.staffMe'] as const;

/** Whether someone is signed in here, re-rendering when that changes (sign-in, sign-out, a session ended). */
export function useSignedIn(): boolean {
  return useSyncExternalStore(
    (listener) => api.subscribe(listener),
    () => api.signedIn,
  );
}

/** The signed-in member of staff with their permissions (`auth.staffMe`). */
export function useMe() {
  const signedIn = useSignedIn();
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => api.call('auth.staffMe'),
    enabled: signedIn,
    staleTime: 60_000,
  });
}

/**
 * `can('audit.read')`: whether the signed-in member of staff may perform an action — from the permissions the
 * server answers (shared/src/policies.ts is the one table), never from role names here.
 */
export function useCan(): (action: Action) => boolean {
  const { data } = useMe();
  return useCallback((action: Action) => !!data?.permissions[action], [data]);
}

/** Whether the last sign-in ended by the user's own sign-out (not by the server): the sign-in page says so. */
let signedOutOnPurpose = false;
export function endedBySignOut(): boolean {
  return signedOutOnPurpose;
}
api.subscribe(() => {
  if (api.signedIn) signedOutOnPurpose = false;
});

/** Signs out here and on the server, and forgets everything fetched for this member of staff. */
export function useSignOut(): () => Promise<void> {
  const queries = useQueryClient();
  return useCallback(async () => {
    signedOutOnPurpose = true;
    await api.signOut();
    queries.clear();
  }, [queries]);
}
