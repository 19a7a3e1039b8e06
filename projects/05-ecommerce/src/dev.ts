/**
 * `pnpm dev`: the three processes in watch mode, each with its own port (shop 3005, payments 3006,
 * notifications 3007 unless SHOP_PORT, PAYMENTS_PORT, NOTIFICATIONS_PORT say otherwise). Ctrl-C stops
 * all three gracefully. Workspace packages run from their sources (the @roadmap/source condition).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const processes: [name: string, entry: string, port: string][] = [
  ['shop', 'src/shop/server.ts', process.env.SHOP_PORT ?? '3005'],
  ['payments', 'src/payments/server.ts', process.env.PAYMENTS_PORT ?? '3006'],
  ['notifications', 'src/notifications/server.ts', process.env.NOTIFICATIONS_PORT ?? '3007'],
];

const children: ChildProcess[] = processes.map(([, entry, port]) =>
  spawn(process.execPath, [require.resolve('tsx/cli'), 'watch', '--conditions=@roadmap/source', entry], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: port },
  }),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
let running = children.length;
for (const child of children) {
  child.on('exit', () => {
    running -= 1;
    if (running === 0) process.exit(0);
  });
}
