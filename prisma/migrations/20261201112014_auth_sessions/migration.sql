-- CreateEnum
CREATE TYPE "SessionRevokeReason" AS ENUM ('LOGOUT', 'REFRESH_REUSED', 'ACCOUNT_DISABLED', 'ADMIN_REVOKED');

-- AlterTable
ALTER TABLE "patient_account" ADD COLUMN     "disabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "disabled_reason" TEXT;

-- CreateTable
CREATE TABLE "auth_session" (
    "id" UUID NOT NULL,
    "account_id" UUID,
    "staff_id" UUID,
    "token_id" UUID NOT NULL,
    "previous_token_id" UUID,
    "rotations" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshed_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" "SessionRevokeReason",

    CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "auth_session_account_id_idx" ON "auth_session"("account_id");

-- CreateIndex
CREATE INDEX "auth_session_staff_id_idx" ON "auth_session"("staff_id");

-- CreateIndex
CREATE INDEX "auth_session_revoked_at_idx" ON "auth_session"("revoked_at") WHERE (revoked_at IS NOT NULL);

-- CreateIndex
CREATE INDEX "auth_session_expires_at_idx" ON "auth_session"("expires_at");

-- AddForeignKey
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "patient_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A session belongs to exactly one patient account or one member of staff (hand-written: Prisma cannot say it).
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_owner_check" CHECK (("account_id" IS NULL) <> ("staff_id" IS NULL));
