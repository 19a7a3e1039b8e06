import { z } from 'zod';

export const ROLES = ['user', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.output<typeof RoleSchema>;

/** Who is calling, as the access token says. */
export interface AuthUser {
  id: string;
  role: Role;
  email?: string;
  /** The access token's id, e.g. for audit lines. */
  tokenId: string;
  /** The auth service session the token belongs to (`sid` claim), when it has one. */
  sessionId?: string;
}
