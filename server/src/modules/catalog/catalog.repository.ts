import type { DbClient, Prisma } from '../../db/client';

/** A department's restriction, which its doctors and exams answer with theirs (docs/decisions/018). */
const departmentEligibility = { pediatric: true, allowedSex: true, minAge: true, maxAge: true } as const;
const doctorInclude = {
  department: { select: { name: true, nameEn: true, active: true, ...departmentEligibility } },
} as const;
const examTypeInclude = {
  department: { select: { name: true, nameEn: true, ...departmentEligibility } },
} as const;

export type DoctorRow = Prisma.DoctorGetPayload<{ include: typeof doctorInclude }>;
export type ExamTypeRow = Prisma.ExamTypeGetPayload<{ include: typeof examTypeInclude }>;
export type DepartmentRow = Prisma.DepartmentGetPayload<object> & { doctorCount: number };

/** The only place the catalog touches Prisma. */
export function catalogRepository(db: DbClient) {
  return {
    // ---- hospital
    currentHospital(code?: string) {
      return code
        ? db.hospital.findUnique({ where: { code } })
        : db.hospital.findFirst({ orderBy: { createdAt: 'asc' } });
    },
    lockHospital(id: string) {
      return db.$queryRaw`SELECT id FROM hospital WHERE id = ${id}::uuid FOR UPDATE`;
    },
    updateHospital(id: string, data: Prisma.HospitalUpdateInput) {
      return db.hospital.update({ where: { id }, data });
    },
    activeNotices(hospitalId: string, now: Date) {
      return db.notice.findMany({
        where: {
          hospitalId,
          publishedAt: { lte: now },
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        },
        orderBy: [{ sortOrder: 'asc' }, { publishedAt: 'desc' }],
      });
    },

    // ---- departments
    async listDepartments(hospitalId: string, includeInactive: boolean): Promise<DepartmentRow[]> {
      const rows = await db.department.findMany({
        where: { hospitalId, ...(includeInactive ? {} : { active: true }) },
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        include: { _count: { select: { doctors: { where: { active: true } } } } },
      });
      return rows.map(({ _count, ...d }) => ({ ...d, doctorCount: _count.doctors }));
    },
    async findDepartment(id: string): Promise<DepartmentRow | null> {
      const row = await db.department.findUnique({
        where: { id },
        include: { _count: { select: { doctors: { where: { active: true } } } } },
      });
      if (!row) return null;
      const { _count, ...d } = row;
      return { ...d, doctorCount: _count.doctors };
    },
    createDepartment(data: Prisma.DepartmentUncheckedCreateInput) {
      return db.department.create({ data });
    },
    updateDepartment(id: string, data: Prisma.DepartmentUncheckedUpdateInput) {
      return db.department.update({ where: { id }, data });
    },

    // ---- doctors
    listDoctors(where: { departmentId?: string; includeInactive: boolean }) {
      return db.doctor.findMany({
        where: { departmentId: where.departmentId, ...(where.includeInactive ? {} : { active: true }) },
        orderBy: [{ title: 'asc' }, { code: 'asc' }],
        include: doctorInclude,
      });
    },
    findDoctor(id: string) {
      return db.doctor.findUnique({ where: { id }, include: doctorInclude });
    },
    createDoctor(data: Prisma.DoctorUncheckedCreateInput) {
      return db.doctor.create({ data, include: doctorInclude });
    },
    updateDoctor(id: string, data: Prisma.DoctorUncheckedUpdateInput) {
      return db.doctor.update({ where: { id }, data, include: doctorInclude });
    },

    // ---- search: the candidates, which catalog-search.ts ranks and trims
    search(hospitalId: string, words: string, take: number) {
      // ILIKE '%words%'. Prisma passes % and _ through as wildcards: escaped, they are searched for as typed.
      const has = { contains: words.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' } as const;
      const department = { select: { name: true, nameEn: true } } as const;
      return Promise.all([
        db.department.findMany({
          where: { hospitalId, active: true, OR: [{ name: has }, { nameEn: has }, { description: has }] },
          orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
          take,
        }),
        db.doctor.findMany({
          where: {
            active: true,
            department: { hospitalId, active: true },
            OR: [{ name: has }, { nameEn: has }, { specialty: has }, { department: { name: has } }],
          },
          orderBy: [{ title: 'asc' }, { code: 'asc' }],
          include: { department },
          take,
        }),
        db.examType.findMany({
          where: {
            active: true,
            department: { hospitalId },
            OR: [{ name: has }, { nameEn: has }, { code: has }],
          },
          orderBy: [{ category: 'asc' }, { code: 'asc' }],
          include: { department },
          take,
        }),
      ]);
    },

    // ---- rooms
    listRooms(includeInactive: boolean) {
      return db.room.findMany({
        where: includeInactive ? {} : { active: true },
        orderBy: [{ kind: 'asc' }, { code: 'asc' }],
      });
    },
    findRoom(id: string) {
      return db.room.findUnique({ where: { id } });
    },
    createRoom(data: Prisma.RoomUncheckedCreateInput) {
      return db.room.create({ data });
    },
    updateRoom(id: string, data: Prisma.RoomUncheckedUpdateInput) {
      return db.room.update({ where: { id }, data });
    },

    // ---- exam types
    listExamTypes(includeInactive: boolean) {
      return db.examType.findMany({
        where: includeInactive ? {} : { active: true },
        orderBy: [{ category: 'asc' }, { code: 'asc' }],
        include: examTypeInclude,
      });
    },
    findExamTypeByCode(code: string) {
      return db.examType.findUnique({ where: { code }, include: examTypeInclude });
    },
    findExamType(id: string) {
      return db.examType.findUnique({ where: { id }, include: examTypeInclude });
    },
    createExamType(data: Prisma.ExamTypeUncheckedCreateInput) {
      return db.examType.create({ data, include: examTypeInclude });
    },
    updateExamType(id: string, data: Prisma.ExamTypeUncheckedUpdateInput) {
      return db.examType.update({ where: { id }, data, include: examTypeInclude });
    },
  };
}

export type CatalogRepository = ReturnType<typeof catalogRepository>;
