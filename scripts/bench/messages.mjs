// Benchmark: 2,000 messages from 500 residents to 70 delegates, sent concurrently through the gateway
// of a freshly started emulator (in memory, no seed). Prints messages per second, database requests
// per send (from /_emulator/calls) and the notification backlog after one timer run.
//
//   node scripts/build.mjs && node scripts/bench/messages.mjs      (or: npm run bench -- messages)
import { benchPort, pool, startEmulator } from './lib/emulator.mjs';

const STAFF = 'staff-openid';
const RESIDENTS = 500;
const DELEGATES = 70;
const MESSAGES = 2000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const TEMPLATE_IDS = {
  newMessage: 'tmpl-new-message',
  messageUpdate: 'tmpl-message-update',
  reminder: 'tmpl-reminder',
  voteResult: 'tmpl-vote-result',
};

const emulator = await startEmulator({
  port: await benchPort(),
  env: { ADMIN_OPENIDS: STAFF, TEMPLATE_IDS: JSON.stringify(TEMPLATE_IDS), MESSAGE_DAILY_LIMIT: '5' },
});
const { call, get, post, put } = emulator;

try {
  const group = await call(STAFF, 'admin.groups.create', { name: '基准测试小组' });
  const delegates = [];
  await pool(
    Array.from({ length: DELEGATES }, (_, i) => i),
    10,
    async (i) => {
      const { id, bindCode } = await call(STAFF, 'admin.delegates.create', { name: `代表${i + 1}`, groupId: group.id });
      await call(`bench-delegate-${i}`, 'delegates.bind', { code: bindCode });
      // Half the delegates have a subscription credit: the other half's notifications become to-dos.
      if (i % 2 === 0)
        await post('/_emulator/subscriptions', {
          openid: `bench-delegate-${i}`,
          templateKey: 'newMessage',
          templateId: TEMPLATE_IDS.newMessage,
          count: 100,
        });
      delegates.push(id);
    },
  );

  const sends = Array.from({ length: MESSAGES }, (_, i) => ({
    openid: `bench-resident-${i % RESIDENTS}`,
    payload: {
      delegateId: delegates[i % DELEGATES],
      category: '社区治理',
      title: `基准留言 ${i + 1}`,
      body: '小区楼道堆放杂物，存在消防隐患，请协调物业清理。',
      requestId: `bench-${i.toString().padStart(6, '0')}`,
    },
  }));
  let failures = 0;
  const started = performance.now();
  await pool(sends, CONCURRENCY, async ({ openid, payload }) => {
    const result = await post('/functions/api', { action: 'messages.send', payload }, openid);
    if (!result.ok) failures += 1;
  });
  const seconds = (performance.now() - started) / 1000;

  const { items: calls } = await get('/_emulator/calls?limit=10000');
  const sendCalls = calls.filter((c) => c.action === 'messages.send' && c.status === 'ok');
  const requests = sendCalls.map((c) => c.databaseRequests);
  const perSend = requests.reduce((a, b) => a + b, 0) / Math.max(1, requests.length);

  const timer = await post('/_emulator/functions/api/timer', {});
  const { items: docs } = await get('/_emulator/collections/outbox?limit=10000');
  const byStatus = docs.reduce((acc, d) => ({ ...acc, [d.status]: (acc[d.status] ?? 0) + 1 }), {});
  const messageCount = (await get('/_emulator/collections/messages?limit=10000')).items.length;

  console.log(`messages sent:            ${MESSAGES - failures} ok, ${failures} refused (concurrency ${CONCURRENCY})`);
  console.log(`messages stored:          ${messageCount}`);
  console.log(`throughput:               ${((MESSAGES - failures) / seconds).toFixed(1)} messages/s (${seconds.toFixed(1)} s)`);
  console.log(`database requests/send:   ${perSend.toFixed(1)} (mean over ${requests.length} recorded calls, delivery included)`);
  console.log(`outbox after one timer:   ${JSON.stringify(byStatus)}`);
  console.log(
    `notification backlog:     ${(byStatus.queued ?? 0) + (byStatus.sending ?? 0)} (timer report: ${JSON.stringify(timer?.timer?.['notify.flush'] ?? timer)})`,
  );

  // The same with WeChat failing half the sends transiently: what the timer's first run leaves.
  const FAULTY = 200;
  await put('/_emulator/faults', { openapiErrorRate: 0.5 });
  await pool(
    Array.from({ length: FAULTY }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const delegate = i % DELEGATES;
      if (delegate % 2 !== 0) return;
      await post(
        '/functions/api',
        {
          action: 'messages.send',
          payload: { ...sends[0].payload, delegateId: delegates[delegate], requestId: `faulty-${i}`, title: `故障期间的留言 ${i + 1}` },
        },
        `faulty-resident-${i}`,
      );
    },
  );
  const backlogOf = async () =>
    (await get('/_emulator/collections/outbox?limit=10000')).items.filter((d) => d.status === 'queued' || d.status === 'sending').length;
  const before = await backlogOf();
  // The timer fires every few minutes; by then the first retries (1 minute backoff) are due.
  await put('/_emulator/clock', { advanceMs: 5 * 60_000 });
  const faultyTimer = await post('/_emulator/functions/api/timer', {});
  console.log(
    `with 50% transient faults: ${before} notifications waiting after ${FAULTY / 2} sends, ${await backlogOf()} after one timer run 5 minutes later (${JSON.stringify(faultyTimer?.timer?.['notify.flush'] ?? faultyTimer)})`,
  );
} finally {
  emulator.stop();
}
