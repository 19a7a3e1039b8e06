/** A user as the API shows it, and the admin endpoints' schemas: the user list, role changes, user ids. */
import { RoleSchema } from '@roadmap/auth';
import { pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    emailVerified: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const UserEnvelopeSchema = z.object({ user: UserSchema }).meta({ id: 'UserEnvelope' });

const USER_SORT_FIELDS = ['createdAt', 'email', 'name'] as const;

export const UserListQuerySchema = z.object({
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Case-insensitive text in email or name.' }),
  role: RoleSchema.optional(),
  ...paginationShape({ sortable: USER_SORT_FIELDS, defaultSort: '-createdAt', maxLimit: 100 }),
});

export const RoleChangeBodySchema = z.strictObject({ role: RoleSchema }).meta({ id: 'RoleChangeBody' });
export const UserPageSchema = pageSchema(UserSchema).meta({ id: 'UserPage' });

export type PublicUser = z.output<typeof UserSchema>;
export type UserListQuery = z.output<typeof UserListQuerySchema>;
export type RoleChangeBody = z.output<typeof RoleChangeBodySchema>;
