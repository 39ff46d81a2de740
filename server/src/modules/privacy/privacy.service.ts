import type { PrivacyDeps } from './privacy.deps';
import { accept, status } from './use-cases/consent';
import { deleteAccount } from './use-cases/delete-account';
import { exportData } from './use-cases/export-data';

export type { PrivacyDeps } from './privacy.deps';

/**
 * The patient's privacy (docs/decisions/020-privacy-consent.md): consent to the notice, what is held about
 * them, and deleting the account. The façade: each method is one use case in `use-cases/`.
 */
export function createPrivacyService(deps: PrivacyDeps) {
  const use =
    <A extends unknown[], R>(useCase: (deps: PrivacyDeps, ...args: A) => R) =>
    (...args: A): R =>
      useCase(deps, ...args);
  return {
    status: use(status),
    accept: use(accept),
    exportData: use(exportData),
    deleteAccount: use(deleteAccount),
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
