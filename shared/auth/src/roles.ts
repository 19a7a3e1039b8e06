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
  /** How the user authenticated (`amr` claim, RFC 8176), e.g. `['pwd', 'otp']` or `['hwk']`. */
  amr?: string[];
  /** When the user last actively authenticated (`auth_time` claim), in seconds since the epoch. */
  authTime?: number;
  /** Set only on tokens a verifier was told to accept while a second factor is still to be enrolled. */
  mfaEnrolmentRequired?: boolean;
}
