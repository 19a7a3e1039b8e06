/**
 * Posts the demo notes to a running Notes API (storage is in memory, so seeding goes through HTTP).
 * Usage: pnpm seed  (NOTES_URL defaults to http://127.0.0.1:3001)
 */
import { demoNotes } from './modules/notes/index.js';

async function seed(): Promise<void> {
  const baseUrl = process.env.NOTES_URL ?? 'http://127.0.0.1:3001';
  for (const note of demoNotes) {
    const res = await fetch(`${baseUrl}/api/v1/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(note),
    });
    if (res.status !== 201) throw new Error(`POST ${note.title} answered ${res.status}: ${await res.text()}`);
  }
  process.stdout.write(`seeded ${demoNotes.length} notes into ${baseUrl}\n`);
}

seed().catch((err: unknown) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
