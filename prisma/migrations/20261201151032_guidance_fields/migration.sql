-- Guidance from structured fields (docs/decisions/017-guidance-from-fields.md).

-- CreateEnum
CREATE TYPE "FastingWater" AS ENUM ('NONE', 'SIPS');

-- AlterTable: what a fasting patient may drink, and since when nothing at all.
ALTER TABLE "exam_type" ADD COLUMN     "fasting_water" "FastingWater",
ADD COLUMN     "no_water_hours" INTEGER;

-- Existing rows keep what the timeline said before: a fasting exam allowed sips unless its notes said 禁水.
UPDATE "exam_type"
SET "fasting_water" = CASE WHEN COALESCE("preparation_notes", '') LIKE '%禁水%' THEN 'NONE' ELSE 'SIPS' END::"FastingWater"
WHERE "fasting_hours" IS NOT NULL;

-- Results in minutes (as precise as the hospital states them), carried over from whole hours.
ALTER TABLE "exam_type" RENAME COLUMN "result_ready_hours" TO "result_ready_minutes";
UPDATE "exam_type" SET "result_ready_minutes" = "result_ready_minutes" * 60;
