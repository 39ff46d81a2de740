-- CreateEnum
CREATE TYPE "PrivacyConsentScope" AS ENUM ('NOTICE', 'NOTICE_AND_SENSITIVE');

-- AlterEnum
ALTER TYPE "SessionRevokeReason" ADD VALUE 'ACCOUNT_DELETED';

-- DropIndex
DROP INDEX "privacy_consent_account_id_version_key";

-- AlterTable
ALTER TABLE "privacy_consent" ADD COLUMN     "scope" "PrivacyConsentScope" NOT NULL DEFAULT 'NOTICE_AND_SENSITIVE';

-- Notice-only consents were kept as "<version>/notice" (docs/decisions/021): the scope is now a column.
UPDATE "privacy_consent" SET "scope" = 'NOTICE', "version" = left("version", -7) WHERE "version" LIKE '%/notice';

-- CreateIndex
CREATE UNIQUE INDEX "privacy_consent_account_id_version_scope_key" ON "privacy_consent"("account_id", "version", "scope");
