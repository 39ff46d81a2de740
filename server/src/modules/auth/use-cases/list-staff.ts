import type { StaffAccount, StaffAccountQuery } from '@hospital/shared';
import { notFound } from '../../../core/errors';
import type { AccountsDeps } from '../accounts.deps';
import { presentStaff } from '../auth.service';
import { sessionRepository } from '../session.repository';

type StaffRow = NonNullable<Awaited<ReturnType<ReturnType<typeof sessionRepository>['findStaff']>>>;

function presentStaffAccount(s: StaffRow, activeSessions: number): StaffAccount {
  return {
    ...presentStaff(s),
    departmentName: s.department?.name ?? null,
    active: s.active,
    lastLoginAt: s.lastLoginAt?.toISOString() ?? null,
    activeSessions,
  };
}

/** One staff account as the admin sees it: department, status, last sign-in, live sessions. */
export async function staffAccount({ db, clock }: AccountsDeps, id: string): Promise<StaffAccount> {
  const repo = sessionRepository(db);
  const row = await repo.findStaff(id);
  if (!row) throw notFound('工作人员账号');
  return presentStaffAccount(row, await repo.countLive({ kind: 'staff', staffId: id }, clock.now()));
}

/** The admin's staff list, a page at a time, with each member's live sessions (one grouped count a page). */
export async function listStaff({ db, clock }: AccountsDeps, query: StaffAccountQuery) {
  const { page, pageSize, active, ...filter } = query;
  const repo = sessionRepository(db);
  const { items, total } = await repo.searchStaff(
    { ...filter, ...(active ? { active: active === 'true' } : {}) },
    page,
    pageSize,
  );
  const live = await repo.liveByStaff(
    clock.now(),
    items.map((s) => s.id),
  );
  return { items: items.map((s) => presentStaffAccount(s, live.get(s.id) ?? 0)), total, page, pageSize };
}
