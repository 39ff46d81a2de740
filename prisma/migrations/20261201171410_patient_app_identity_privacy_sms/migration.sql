-- AlterEnum (PostgreSQL 12+ adds several values in one transaction; they are not used in it)
ALTER TYPE "IdType" ADD VALUE 'HK_MACAO_PERMIT';
ALTER TYPE "IdType" ADD VALUE 'TAIWAN_PERMIT';
ALTER TYPE "IdType" ADD VALUE 'FOREIGN_PERMANENT_ID';
ALTER TYPE "IdType" ADD VALUE 'CHILD_NO_ID';

-- AlterTable
ALTER TABLE "doctor" ADD COLUMN     "name_en" TEXT,
ADD COLUMN     "photo_url" TEXT;

-- AlterTable
ALTER TABLE "patient_account" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "profile" ADD COLUMN     "erased_at" TIMESTAMPTZ(3),
ADD COLUMN     "guardian_id_number_enc" TEXT,
ADD COLUMN     "guardian_id_number_hash" TEXT,
ADD COLUMN     "guardian_id_number_masked" TEXT,
ADD COLUMN     "guardian_id_type" "IdType",
ADD COLUMN     "guardian_name" TEXT,
ALTER COLUMN "id_number_hash" DROP NOT NULL,
ALTER COLUMN "id_number_enc" DROP NOT NULL,
ALTER COLUMN "id_number_masked" DROP NOT NULL;

-- CreateTable
CREATE TABLE "privacy_consent" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "privacy_consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_code" (
    "id" UUID NOT NULL,
    "phone_hash" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "sms_code_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "privacy_consent_account_id_version_key" ON "privacy_consent"("account_id", "version");

-- CreateIndex
CREATE INDEX "sms_code_phone_hash_created_at_idx" ON "sms_code"("phone_hash", "created_at");

-- CreateIndex
CREATE INDEX "sms_code_expires_at_idx" ON "sms_code"("expires_at");

-- CreateIndex
CREATE INDEX "profile_guardian_id_number_hash_idx" ON "profile"("guardian_id_number_hash");

-- AddForeignKey
ALTER TABLE "privacy_consent" ADD CONSTRAINT "privacy_consent_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "patient_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
