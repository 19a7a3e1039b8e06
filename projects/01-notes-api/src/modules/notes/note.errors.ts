/** The typed errors of notes; the global handler turns each into its problem+json answer. */
import { HttpError } from '@roadmap/core';

/** The store is at capacity (507 Insufficient Storage): a new note needs an old one deleted first. */
export class InsufficientStorageError extends HttpError {
  constructor(limit: number) {
    super(507, 'Insufficient Storage', 'insufficient-storage', {
      detail: `The note store is full (${limit} notes). Delete some notes first.`,
    });
  }
}
