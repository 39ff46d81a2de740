-- AlterEnum
ALTER TYPE "SessionRevokeReason" ADD VALUE 'PASSWORD_CHANGED';
