import { z } from 'zod';
import { STAFF_ROLES } from '../enums';

export const wechatLoginRequest = z
  .strictObject({
    /** The code from `wx.login()`; with the local login client, `dev:<name>`. */
    code: z.string().trim().min(1, '缺少登录凭证').max(128),
  })
  .meta({ id: 'WechatLoginRequest' });

export const staffLoginRequest = z
  .strictObject({
    username: z.string().trim().min(1, '请输入用户名').max(64),
    password: z.string().min(1, '请输入密码').max(256),
  })
  .meta({ id: 'StaffLoginRequest' });

export const refreshRequest = z
  .strictObject({ refreshToken: z.string().min(1).max(4096) })
  .meta({ id: 'RefreshRequest' });

export const staffRoleSchema = z.enum(STAFF_ROLES);

export const staffSummarySchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(staffRoleSchema),
    departmentId: z.string().nullable(),
  })
  .meta({ id: 'StaffSummary' });

export const patientAccountSchema = z
  .object({ id: z.string(), createdAt: z.string(), profileCount: z.number().int() })
  .meta({ id: 'PatientAccount' });

const tokenFields = {
  tokenType: z.literal('Bearer'),
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
};

export const patientTokenResponse = z
  .object({ ...tokenFields, account: patientAccountSchema })
  .meta({ id: 'PatientTokenResponse' });
export const staffTokenResponse = z
  .object({ ...tokenFields, staff: staffSummarySchema })
  .meta({ id: 'StaffTokenResponse' });
export const refreshResponse = z.object(tokenFields).meta({ id: 'RefreshResponse' });

export type StaffSummary = z.infer<typeof staffSummarySchema>;
export type PatientAccount = z.infer<typeof patientAccountSchema>;
