-- AlterTable
ALTER TABLE "profile" ADD COLUMN     "phone_hash" TEXT;

-- CreateIndex
CREATE INDEX "profile_phone_hash_idx" ON "profile"("phone_hash");

-- Backfill: SQL cannot compute the keyed hash (the key is the server's PII key, and the numbers are encrypted),
-- so existing rows keep NULL here and the server fills them in at start-up, after the migrations and before it
-- listens (server/src/modules/desk/phone-backfill.ts; idempotent, a batch at a time).
