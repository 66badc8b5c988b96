// The `api` cloud function: one function serves every user action and its own timer trigger.
import { dispatch } from './src/app/dispatcher';

export const main = (event: unknown, _context: unknown) => dispatch(event);
