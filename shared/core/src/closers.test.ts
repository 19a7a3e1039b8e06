import { pino } from 'pino';
import { closeInOrder, inCloseOrder, type Closer } from './closers.js';

const silent = pino({ level: 'silent' });

describe('inCloseOrder', () => {
  it('puts sockets first and databases last, keeping the listed order within a stage', () => {
    const closer = (name: string, stage: Closer['stage']): Closer => ({ name, stage, close: () => undefined });
    const sorted = inCloseOrder([
      closer('mongo', 'databases'),
      closer('redis', 'redis'),
      closer('emails', 'queues'),
      closer('socket.io', 'sockets'),
      closer('sweeps', 'queues'),
      closer('smtp', 'mail'),
    ]);

    expect(sorted.map((c) => c.name)).toEqual(['socket.io', 'emails', 'sweeps', 'smtp', 'redis', 'mongo']);
  });
});

describe('closeInOrder', () => {
  it('goes on past a closer that throws or hangs, and names both', async () => {
    const closed: string[] = [];
    const failed = await closeInOrder(
      [
        { name: 'hangs', stage: 'queues', close: () => new Promise(() => undefined) },
        {
          name: 'throws',
          stage: 'redis',
          close: () => {
            throw new Error('already closed');
          },
        },
        { name: 'db', stage: 'databases', close: async () => closed.push('db') },
      ],
      silent,
      50,
    );

    expect(failed).toEqual(['hangs', 'throws']);
    expect(closed).toEqual(['db']);
  });
});
