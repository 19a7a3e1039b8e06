import type { ReadinessCheck } from '../health.js';

/** Something shaped like a Mongoose connection: `db` is set once connected. */
export interface PingableMongo {
  db?: { admin(): { ping(): Promise<unknown> } } | undefined;
}

/** A readiness check that pings MongoDB through a (Mongoose) connection. */
export function mongoReadiness(connection: PingableMongo): ReadinessCheck {
  return async () => {
    if (!connection.db) throw new Error('not connected');
    await connection.db.admin().ping();
  };
}
