// One database service behind the minimal HTTP front, and a real wx-server-sdk talking to it.
import { createDatabase, type CollectionDeclaration, type Database } from '../../emulator/database';
import { noFaults, type Faults } from '../../emulator/faults';
import { type Cloud, type DatabaseServer, sdkClient, startDatabaseServer } from '../support/sdk';

export const collections: CollectionDeclaration[] = [
  { name: 'items', indexes: [{ fields: { group: 1, rank: -1 } }] },
  { name: 'people', indexes: [{ fields: { email: 1 }, unique: true }] },
  { name: 'counters', indexes: [] },
  { name: 'ballots', indexes: [{ fields: { campaignId: 1, receipt: 1 }, unique: true }] },
];

export interface Fixture {
  database: Database;
  server: DatabaseServer;
  faults: Faults;
  clock: { now: Date };
  db: ReturnType<Cloud['database']>;
  cloud: Cloud;
  close(): Promise<void>;
}

export async function startFixture(options: { dataDir?: string; empty?: boolean } = {}): Promise<Fixture> {
  const faults = noFaults();
  const clock = { now: new Date('2026-03-01T08:00:00.000Z') };
  const database = await createDatabase({ collections, faults, now: () => clock.now, dataDir: options.dataDir, empty: options.empty });
  const server = await startDatabaseServer(database);
  const cloud = sdkClient(server.url);
  return {
    database,
    server,
    faults,
    clock,
    cloud,
    db: cloud.database(),
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}
