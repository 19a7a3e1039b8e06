/* global db -- mongosh, which runs this file, provides the database handle. */
// Runs once, when the MongoDB container starts on an empty data volume (docker-entrypoint-initdb.d):
// the user the apps connect as. It may read and write application data, and nothing else: no user
// administration, no cluster or server commands.
db.getSiblingDB('admin').createUser({
  user: 'roadmap',
  pwd: process.env.MONGO_APP_PASSWORD,
  roles: [{ role: 'readWriteAnyDatabase', db: 'admin' }],
});
