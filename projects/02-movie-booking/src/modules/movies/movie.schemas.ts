/** Request and response schemas of the movies API; the TypeScript types are inferred from them. */
import { atLeastOneField, nonBlank, pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';
import { CERTIFICATIONS, MOVIE_STATUSES } from './movie.model.js';

const label = nonBlank(z.string().trim().toLowerCase().min(1).max(40)).meta({ example: 'science fiction' });
const labels = z
  .array(label)
  .min(1, 'give at least one')
  .max(10, 'at most 10')
  .transform((list) => [...new Set(list)]);

const movieFields = {
  title: nonBlank(z.string().trim().min(1, 'title must not be empty').max(200)).meta({ example: 'Dune: Part Two' }),
  description: z.string().max(5000).default('').meta({ example: 'Paul Atreides unites with the Fremen.' }),
  genres: labels,
  languages: labels,
  durationMinutes: z.number().int().min(1).max(600),
  certification: z.enum(CERTIFICATIONS),
  releaseDate: z.iso.date('releaseDate is a YYYY-MM-DD date'),
  posterUrl: z
    .url({ protocol: /^https?$/, message: 'posterUrl must be an http(s) URL' })
    .meta({ pattern: '^https?://\\S+$', example: 'https://images.example.com/dune-2.jpg' })
    .optional(),
  status: z.enum(MOVIE_STATUSES).default('coming_soon'),
};

export const MovieInputSchema = z.strictObject(movieFields).meta({ id: 'MovieInput' });

export const MoviePatchSchema = atLeastOneField(
  z.strictObject({
    title: movieFields.title.optional(),
    description: z.string().max(5000).optional().meta({ example: 'Paul Atreides unites with the Fremen.' }),
    genres: labels.optional(),
    languages: labels.optional(),
    durationMinutes: movieFields.durationMinutes.optional(),
    certification: movieFields.certification.optional(),
    releaseDate: movieFields.releaseDate.optional(),
    posterUrl: movieFields.posterUrl,
    status: z.enum(MOVIE_STATUSES).optional(),
  }),
).meta({ id: 'MoviePatch' });

export const MovieSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    genres: z.array(z.string()),
    languages: z.array(z.string()),
    durationMinutes: z.number().int(),
    certification: z.enum(CERTIFICATIONS),
    releaseDate: z.string(),
    posterUrl: z.string().optional(),
    status: z.enum(MOVIE_STATUSES),
  })
  .meta({ id: 'Movie' });

export const MovieListQuerySchema = z.object({
  q: nonBlank(z.string().trim().min(1).max(100))
    .optional()
    .meta({ description: 'Case-insensitive text in the title.' }),
  genre: label.optional(),
  language: label.optional(),
  status: z.enum(MOVIE_STATUSES).optional(),
  ...paginationShape({ sortable: ['title', 'releaseDate'] as const, defaultSort: '-releaseDate', maxLimit: 100 }),
});

export const MoviePageSchema = pageSchema(MovieSchema).meta({ id: 'MoviePage' });

export type MovieInput = z.output<typeof MovieInputSchema>;
export type MoviePatch = z.output<typeof MoviePatchSchema>;
export type Movie = z.output<typeof MovieSchema>;
export type MovieListQuery = z.output<typeof MovieListQuerySchema>;
