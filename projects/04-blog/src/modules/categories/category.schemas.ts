/** Request and response schemas of categories. */
import { objectIdSchema } from '@roadmap/core';
import { z } from 'zod';

const name = z.string().trim().min(1, 'name must not be empty').max(60, 'name must be at most 60 characters');
const description = z.string().trim().max(500, 'description must be at most 500 characters');

export const CategoryInputSchema = z
  .strictObject({ name, description: description.default('') })
  .meta({ id: 'CategoryInput' });

export const CategoryPatchSchema = z
  .strictObject({ name: name.optional(), description: description.optional() })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' })
  .meta({ id: 'CategoryPatch' });

export const CategorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Category' });

export const CategoryListSchema = z.object({ data: z.array(CategorySchema) }).meta({ id: 'CategoryList' });

export const CategoryDeleteQuerySchema = z.object({
  reassignTo: objectIdSchema('reassignTo')
    .optional()
    .meta({ description: 'Move the posts of the deleted category to this category first.' }),
});

export type CategoryInput = z.output<typeof CategoryInputSchema>;
export type CategoryPatch = z.output<typeof CategoryPatchSchema>;
export type Category = z.output<typeof CategorySchema>;
export type CategoryDeleteQuery = z.output<typeof CategoryDeleteQuerySchema>;
