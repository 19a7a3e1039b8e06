/** Every model of the service, created on one injected connection (never the global mongoose). */
import mongoose, { type Connection } from 'mongoose';
import { mongoConnectOptions } from './config.js';
import { createAuditEventModel, type AuditEventModel } from './modules/audit/audit.model.js';
import { createEmailTokenModel, type EmailTokenModel } from './modules/auth/email-token.model.js';
import { createSessionModels, type RefreshTokenModel, type SessionModel } from './modules/sessions/session.model.js';
import { createUserModel, type UserModel } from './modules/users/user.model.js';

export interface AuthModels {
  User: UserModel;
  Session: SessionModel;
  RefreshToken: RefreshTokenModel;
  EmailToken: EmailTokenModel;
  AuditEvent: AuditEventModel;
}

/** Opens the service's own connection (server and seed); indexes come from ensureIndexes, not autoIndex. */
export async function connectDatabase(mongoUrl: string): Promise<Connection> {
  const connection = mongoose.createConnection(mongoUrl, {
    ...mongoConnectOptions(mongoUrl),
    serverSelectionTimeoutMS: 5000,
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}

export function createModels(connection: Connection): AuthModels {
  return {
    User: createUserModel(connection),
    ...createSessionModels(connection),
    EmailToken: createEmailTokenModel(connection),
    AuditEvent: createAuditEventModel(connection),
  };
}

/** Builds the unique indexes the rules rely on (autoIndex is off in tests and worth running once in prod). */
export async function ensureIndexes(models: AuthModels): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}
