// Running the operations CLI in the test's process, exactly as `npm run ops` runs it (ops/main.ts run),
// with what it printed.
import { run } from '../../ops/main';

export async function ops(argv: string[], environment: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string; lines: string[] }> {
  const lines: string[] = [];
  // No configuration file and no credentials of the machine leak in: each test says what it has.
  const env = { YIZHENGTONG_CONFIG: '/nonexistent/yizhengtong.config.json', ...environment };
  const code = await run(argv, (line) => lines.push(line), env);
  return { code, output: lines.join('\n'), lines };
}

/** The emulator's collections and their document counts. */
export async function collectionCounts(url: string): Promise<Record<string, number>> {
  const { items } = (await (await fetch(`${url}/_emulator/collections`)).json()) as { items: Array<{ name: string; count: number }> };
  return Object.fromEntries(items.map(({ name, count }) => [name, count]));
}
