-- AlterTable
ALTER TABLE "department" ADD COLUMN     "allowed_sex" "Sex",
ADD COLUMN     "max_age" INTEGER,
ADD COLUMN     "min_age" INTEGER,
ADD COLUMN     "pediatric" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "doctor" ADD COLUMN     "allowed_sex" "Sex",
ADD COLUMN     "max_age" INTEGER,
ADD COLUMN     "min_age" INTEGER;

-- AlterTable
ALTER TABLE "exam_type" ADD COLUMN     "allowed_sex" "Sex",
ADD COLUMN     "max_age" INTEGER,
ADD COLUMN     "min_age" INTEGER;

-- Ages are full years, 0-150, and a range is never empty (hand-written: Prisma cannot say it). Existing rows
-- get NULLs and pediatric = false: unrestricted, as before.
ALTER TABLE "department" ADD CONSTRAINT "department_age_check"
  CHECK ("min_age" BETWEEN 0 AND 150 AND "max_age" BETWEEN 0 AND 150 AND "min_age" <= "max_age");
ALTER TABLE "doctor" ADD CONSTRAINT "doctor_age_check"
  CHECK ("min_age" BETWEEN 0 AND 150 AND "max_age" BETWEEN 0 AND 150 AND "min_age" <= "max_age");
ALTER TABLE "exam_type" ADD CONSTRAINT "exam_type_age_check"
  CHECK ("min_age" BETWEEN 0 AND 150 AND "max_age" BETWEEN 0 AND 150 AND "min_age" <= "max_age");
