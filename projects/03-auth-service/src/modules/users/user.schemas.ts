/** A user as the API shows it, and the admin endpoints' schemas: the user list, role changes, user ids. */
import { RoleSchema, USERNAME_PATTERN, UsernameSchema } from '@roadmap/auth';
import { nonBlank, pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    username: z.string().nullable(),
    bio: z.string().nullable(),
    image: z.string().nullable(),
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
  q: nonBlank(z.string().trim().min(1).max(100))
    .optional()
    .meta({ description: 'Case-insensitive text in email or name.' }),
  role: RoleSchema.optional(),
  ...paginationShape({ sortable: USER_SORT_FIELDS, defaultSort: '-createdAt', maxLimit: 100 }),
});

export const RoleChangeBodySchema = z.strictObject({ role: RoleSchema }).meta({ id: 'RoleChangeBody' });
export const UserPageSchema = pageSchema(UserSchema).meta({ id: 'UserPage' });

// The username rule lives in @roadmap/auth: the blog's RealWorld mount states it too.
export { USERNAME_PATTERN, UsernameSchema };

export const ProfileSchema = z
  .object({ id: z.string(), username: z.string().nullable(), bio: z.string().nullable(), image: z.string().nullable() })
  .meta({ id: 'Profile', description: 'The public face of a user; never the email.' });
export const ProfileEnvelopeSchema = z.object({ profile: ProfileSchema }).meta({ id: 'ProfileEnvelope' });
export const ProfileListSchema = z.object({ profiles: z.array(ProfileSchema) }).meta({ id: 'ProfileList' });
export const UsernameParamsSchema = z.object({ username: UsernameSchema });
export const ProfileListQuerySchema = z.object({
  ids: z
    .string()
    .regex(/^[0-9a-fA-F]{24}(,[0-9a-fA-F]{24}){0,99}$/, 'ids is 1-100 user ids, comma-separated')
    .transform((list) => [...new Set(list.split(','))])
    .meta({ description: 'Comma-separated user ids (at most 100).' }),
});

export type PublicUser = z.output<typeof UserSchema>;
export type Profile = z.output<typeof ProfileSchema>;
export type ProfileListQuery = z.output<typeof ProfileListQuerySchema>;
export type UserListQuery = z.output<typeof UserListQuerySchema>;
export type RoleChangeBody = z.output<typeof RoleChangeBodySchema>;
