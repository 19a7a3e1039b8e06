/** Reads configuration, builds the app, listens, and shuts down gracefully on SIGTERM. */
import { createLifecycle, createLogger, runServer, startOrExit } from '@roadmap/core';
import { createApp } from './app.js';
import { loadNotesConfig } from './config.js';
import { demoNotes, InMemoryNoteRepository, NoteService } from './modules/notes/index.js';

startOrExit(async () => {
  const config = loadNotesConfig();
  const logger = createLogger({ name: 'notes-api', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const repository = new InMemoryNoteRepository();
  if (config.NOTES_DEMO_DATA) {
    const seeder = new NoteService({ repository, maxNotes: config.NOTES_MAX });
    for (const note of demoNotes) await seeder.create(note);
    logger.info({ notes: demoNotes.length }, 'loaded demo notes');
  }
  const app = createApp({
    logger,
    lifecycle,
    repository,
    maxNotes: config.NOTES_MAX,
    jsonLimit: config.JSON_BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
  });
  await runServer({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    lifecycle,
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    drainSeconds: config.SHUTDOWN_DRAIN_SECONDS,
  });
});
