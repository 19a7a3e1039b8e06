import { baseEnvShape, envBoolean, loadConfig } from '@roadmap/core';
import { z } from 'zod';

export const notesEnvSchema = z.object({
  ...baseEnvShape(3001),
  /** The in-memory store refuses new notes beyond this many, so memory stays bounded. */
  NOTES_MAX: z.coerce.number().int().positive().default(10_000),
  JSON_BODY_LIMIT: z.string().default('64kb'),
  /** Load a few demo notes at start-up. */
  NOTES_DEMO_DATA: envBoolean(false),
});

export type NotesConfig = z.output<typeof notesEnvSchema>;

export function loadNotesConfig(env: NodeJS.ProcessEnv = process.env): NotesConfig {
  return loadConfig(notesEnvSchema, env);
}
