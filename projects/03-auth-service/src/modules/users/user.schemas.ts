/** Admin endpoints' schemas: the user list query, role changes, user id params. */
import { RoleSchema } from '@roadmap/auth';
import { objectIdSchema, pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';
import { UserSchema } from '../auth/auth.schemas.js';

const USER_SORT_FIELDS = ['createdAt', 'email', 'name'] as const;

export const UserListQuerySchema = z.object({
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Case-insensitive text in email or name.' }),
  role: RoleSchema.optional(),
  ...paginationShape({ sortable: USER_SORT_FIELDS, defaultSort: '-createdAt', maxLimit: 100 }),
});

export const UserIdParamsSchema = z.object({ id: objectIdSchema('id') });
export const RoleChangeBodySchema = z.strictObject({ role: RoleSchema }).meta({ id: 'RoleChangeBody' });
export const UserPageSchema = pageSchema(UserSchema).meta({ id: 'UserPage' });

export type UserListQuery = z.output<typeof UserListQuerySchema>;
export type UserIdParams = z.output<typeof UserIdParamsSchema>;
export type RoleChangeBody = z.output<typeof RoleChangeBodySchema>;
