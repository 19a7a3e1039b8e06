/** Request and response schemas of the notes API; the TypeScript types are inferred from them. */
import { atLeastOneField, nonBlank, paginationShape, pageSchema, queryBoolean, uuidSchema } from '@roadmap/core';
import { z } from 'zod';

export const TITLE_MAX = 200;
export const CONTENT_MAX = 10_000;
export const TAGS_MAX = 10;
export const TAG_MAX = 30;

const title = nonBlank(
  z.string().trim().min(1, 'title must not be empty').max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`),
).meta({ example: 'Groceries' });
const content = z
  .string()
  .max(CONTENT_MAX, `content must be at most ${CONTENT_MAX} characters`)
  .meta({ example: 'Milk, eggs and bread.' });
const tag = nonBlank(
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'a tag must not be empty')
    .max(TAG_MAX, `a tag must be at most ${TAG_MAX} characters`),
).meta({ example: 'home' });
/** Tags are trimmed, lower-cased and de-duplicated, keeping their first order. */
const tags = z
  .array(tag)
  .max(TAGS_MAX, `at most ${TAGS_MAX} tags`)
  .transform((list) => [...new Set(list)]);

/** The full note a client sends to create (POST) or replace (PUT). Unknown fields are rejected. */
export const NoteInputSchema = z
  .strictObject({
    title,
    content: content.default(''),
    tags: tags.default([]),
    pinned: z.boolean().default(false),
  })
  .meta({ id: 'NoteInput' });

/** A partial update (PATCH): any subset of the fields, at least one. */
export const NotePatchSchema = atLeastOneField(
  z.strictObject({
    title: title.optional(),
    content: content.optional(),
    tags: tags.optional(),
    pinned: z.boolean().optional(),
  }),
).meta({ id: 'NotePatch' });

export const NoteSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    content: z.string(),
    tags: z.array(z.string()),
    pinned: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Note' });

export const NoteIdParamsSchema = z.object({ id: uuidSchema('id') });

export const NOTE_SORT_FIELDS = ['createdAt', 'updatedAt', 'title'] as const;

export const NoteListQuerySchema = z.object({
  q: nonBlank(z.string().trim().min(1).max(200))
    .optional()
    .meta({ description: 'Case-insensitive text in title or content.' }),
  tag: tag.optional().meta({ description: 'Only notes with this tag.' }),
  pinned: queryBoolean.optional().meta({ description: 'Only pinned (true) or unpinned (false) notes.' }),
  ...paginationShape({ sortable: NOTE_SORT_FIELDS, defaultSort: '-createdAt', maxLimit: 100 }),
});

export const NotePageSchema = pageSchema(NoteSchema).meta({ id: 'NotePage' });

export type NoteInput = z.output<typeof NoteInputSchema>;
export type NotePatch = z.output<typeof NotePatchSchema>;
export type Note = z.output<typeof NoteSchema>;
export type NoteIdParams = z.output<typeof NoteIdParamsSchema>;
export type NoteListQuery = z.output<typeof NoteListQuerySchema>;
