/** Request and response schemas of categories. */
import { atLeastOneField, nonBlank, objectIdSchema } from '@roadmap/core';
import { z } from 'zod';

const name = nonBlank(
  z.string().trim().min(1, 'name must not be empty').max(60, 'name must be at most 60 characters'),
).meta({ example: 'Dragon care' });
const description = z
  .string()
  .trim()
  .max(500, 'description must be at most 500 characters')
  .meta({ example: 'Feeding, training and flying.' });

export const CategoryInputSchema = z
  .strictObject({ name, description: description.default('') })
  .meta({ id: 'CategoryInput' });

export const CategoryPatchSchema = atLeastOneField(
  z.strictObject({ name: name.optional(), description: description.optional() }),
).meta({ id: 'CategoryPatch' });

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
