/** The operators' view of the mail: failed messages are listed without their bodies and can be retried. */
import { createBaseApp, finishApp } from '@roadmap/core';
import { testLogger } from '@roadmap/testing';
import request from 'supertest';
import { mailAdminRoutes } from '../src/mail-routes.js';
import { startMailRig, type MailRig } from './support/mail-rig.js';

describe('mailAdminRoutes', () => {
  let rig: MailRig;
  let app: ReturnType<typeof createBaseApp>;

  beforeAll(async () => {
    rig = await startMailRig({ logger: testLogger('mail-routes'), worker: false });
    const logger = testLogger('mail-routes');
    app = createBaseApp({ logger });
    app.use('/admin/mail', mailAdminRoutes(rig.outbox));
    finishApp(app);
  });

  afterAll(async () => {
    await rig.close();
  });

  it('lists failed messages with their last error but not their body, and retries one', async () => {
    await rig.store.insert(
      { key: 'welcome:7', to: 'a@example.test', subject: 'Welcome', text: 'secret link' },
      new Date(),
    );
    await rig.store.markFailed('welcome:7', 0, '550 mailbox unavailable', new Date());

    const listed = await request(app).get('/admin/mail').query({ status: 'failed' }).expect(200);
    const retried = await request(app).post('/admin/mail/welcome%3A7/retry').expect(202);
    const again = await request(app).post('/admin/mail/welcome%3A7/retry');

    expect(listed.body.items).toEqual([
      expect.objectContaining({ key: 'welcome:7', status: 'failed', lastError: '550 mailbox unavailable' }),
    ]);
    expect(listed.text).not.toContain('secret link');
    expect(retried.body).toMatchObject({ key: 'welcome:7', status: 'pending', generation: 1 });
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers 400 naming the field for an unknown status', async () => {
    const res = await request(app).get('/admin/mail').query({ status: 'lost' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.status' })]);
  });
});
