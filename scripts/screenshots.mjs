// `npm run screenshots`: every page of app.json, as each role that opens it, on the demo data, at
// 375×812 in Chromium (playwright-core; install fonts-noto-cjk so Chinese renders), into
// docs/screenshots/<role>/<page>.png, and a contact sheet docs/screenshots/index.html.
// It starts its own emulator in memory (demo seed, staff-openid as staff) on a free port and makes
// the demo messages and campaigns through the real actions (emulator/preview/plan.mjs).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openAndSettle, PHONE, watch } from '../emulator/preview/driver.mjs';
import { pageRoles, prepareDemo, previewPath, queryFor } from '../emulator/preview/plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'screenshots');

/** `pages/home/home` → `home`, `packages/admin/delegates/delegates` → `admin-delegates`. */
export function shotName(page) {
  const parts = page.split('/').slice(1);
  if (parts.length > 1 && parts.at(-1) === parts.at(-2)) parts.pop();
  return parts.join('-');
}

function startEmulator() {
  const child = spawn(
    process.execPath,
    [path.join(root, 'emulator', 'dist', 'main.js'), '--memory', '--port', '0', '--no-schedule', '--seed', 'demo'],
    {
      env: { ...process.env, ADMIN_OPENIDS: 'staff-openid', PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let banner = '';
    child.stdout.on('data', (chunk) => {
      if (banner.length > 4096) return;
      banner += chunk.toString('utf8');
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(banner);
      if (match) resolve({ url: match[1], stop: () => child.kill() });
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (code ${code}); run npm run build first? ${banner}`)));
  });
}

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

async function main() {
  const started = Date.now();
  const emulator = await startEmulator();
  const browser = await launchBrowser();
  try {
    const call = async (openid, action, payload) => {
      const response = await fetch(`${emulator.url}/functions/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify({ action, payload }),
      });
      return response.json();
    };
    const phoneCode = async (openid, phoneNumber) => {
      const response = await fetch(`${emulator.url}/_emulator/phone-codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid, phoneNumber }),
      });
      return (await response.json()).code;
    };
    const facts = await prepareDemo(call, phoneCode);
    for (const skipped of facts.skipped) console.warn(`demo step skipped (its pages open without a query): ${skipped}`);

    rmSync(out, { recursive: true, force: true });
    const tab = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 1 });
    const problems = watch(tab);
    const shots = [];
    for (const visit of pageRoles(root)) {
      problems.length = 0;
      const query = queryFor(visit.page, facts);
      await openAndSettle(tab, `${emulator.url}${previewPath(visit, query)}`);
      const file = path.join(out, visit.role, `${shotName(visit.page)}.png`);
      mkdirSync(path.dirname(file), { recursive: true });
      await tab.screenshot({ path: file });
      const title = await tab.evaluate(() => document.getElementById('yzt-title')?.textContent ?? '');
      shots.push({ ...visit, title, file: path.relative(out, file), query });
      for (const problem of problems) console.warn(`${visit.page} as ${visit.role}: ${problem}`);
    }
    writeFileSync(path.join(out, 'index.html'), contactSheet(shots));
    console.log(`${shots.length} screenshots in ${path.relative(root, out)}/ (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await browser.close();
    emulator.stop();
  }
}

function contactSheet(shots) {
  const roles = { resident: '居民', delegate: '代表', staff: '工作人员' };
  const sections = Object.entries(roles).map(([role, label]) => {
    const cards = shots
      .filter((shot) => shot.role === role)
      .map(
        (shot) => `    <figure>
      <img src="${escape(shot.file)}" width="375" height="812" loading="lazy" alt="${escape(`${shot.title}（${label}）`)}" />
      <figcaption><strong>${escape(shot.title)}</strong><br /><code>${escape(shot.page)}</code></figcaption>
    </figure>`,
      )
      .join('\n');
    return `  <h2>${label} <code>${escape(shots.find((shot) => shot.role === role)?.openid ?? '')}</code></h2>\n  <section>\n${cards}\n  </section>`;
  });
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>议政通 · 页面截图</title>
  <style>
    body { font-family: system-ui, 'Noto Sans CJK SC', sans-serif; margin: 24px; background: #f4f5f7; color: #1f2329; }
    section { display: flex; flex-wrap: wrap; gap: 24px; }
    figure { margin: 0; width: 250px; }
    img { width: 250px; height: auto; border: 1px solid #d0d3d9; border-radius: 12px; background: #fff; }
    figcaption { font-size: 13px; margin-top: 6px; line-height: 1.5; }
  </style>
</head>
<body>
  <h1>议政通 · 每个页面（演示数据，375×812，<code>npm run screenshots</code> 生成）</h1>
${sections.join('\n')}
</body>
</html>
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
