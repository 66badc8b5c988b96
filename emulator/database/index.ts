// The emulator's database service: its types and the one way to create it.
export type * from './types';
export { createDatabase } from './service';
