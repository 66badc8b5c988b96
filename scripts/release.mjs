// `npm run release -- --version 1.2.0 --desc "..."`: uploads the mini-program with miniprogram-ci as a
// development version (set it as 体验版, then submit for review, at mp.weixin.qq.com).
// The build is generated for release (scripts/generate.mjs --release: the configuration is required and
// the emulator unreachable), then the develop generation is put back for DevTools.
// The upload key's path comes from MINIPROGRAM_PRIVATE_KEY_PATH. Without it, the same package is
// compiled locally (a preview build: a zip under release/) and the command says what is missing.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, root } from './deploy-config.mjs';
import { generate, deploymentFor } from './generate.mjs';
import { packMiniprogramNpm } from './pack-npm.mjs';

const KEY_VARIABLE = 'MINIPROGRAM_PRIVATE_KEY_PATH';
// Everything but the mini-program: miniprogram-ci reads the project from the repository root.
const IGNORES = [
  'node_modules/**/*',
  'cloudfunctions/**/*',
  'emulator/**/*',
  'ops/**/*',
  'tests/**/*',
  'scripts/**/*',
  'docs/**/*',
  'typings/**/*',
  'release/**/*',
];

export function parseArguments(argv) {
  const options = { version: '', desc: '', robot: 1 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    if (argv[i] === '--version') options.version = value();
    else if (argv[i] === '--desc') options.desc = value();
    else if (argv[i] === '--robot') options.robot = Number(value());
    else throw new Error(`unknown option ${argv[i]} (usage: npm run release -- --version X.Y.Z --desc "what changed")`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(options.version)) throw new Error('--version X.Y.Z is required (e.g. --version 1.0.0)');
  if (!options.desc.trim()) throw new Error('--desc "what changed" is required: reviewers and staff read it');
  if (!Number.isInteger(options.robot) || options.robot < 1 || options.robot > 30) throw new Error('--robot takes 1-30');
  return options;
}

export async function release(argv, env = process.env) {
  const options = parseArguments(argv);
  // Stops here, naming the key, when the configuration is missing or malformed.
  const { deployment } = deploymentFor({ release: true, env });
  const keyPath = env[KEY_VARIABLE]?.trim();
  if (keyPath && !existsSync(keyPath)) throw new Error(`${KEY_VARIABLE}=${keyPath}: no such file`);
  // Loaded only now: miniprogram-ci takes seconds to load, and a refusal above should not wait for it.
  const { default: ci } = await import('miniprogram-ci');
  await packMiniprogramNpm({ quiet: true });
  generate({ release: true, env });
  try {
    const project = new ci.Project({
      appid: deployment.appid,
      type: 'miniProgram',
      projectPath: root,
      ignores: IGNORES,
      ...(keyPath
        ? { privateKeyPath: keyPath }
        : // No key: compile only. The stand-in attributes keep miniprogram-ci from asking WeChat for them.
          { privateKey: 'none', attr: async () => ({ platform: true, appType: 0, isSandbox: false, released: false, setting: {} }) }),
    });
    if (keyPath) {
      const result = await ci.upload({
        project,
        version: options.version,
        desc: options.desc,
        robot: options.robot,
        setting: { useProjectConfig: true },
      });
      const size = (result.subPackageInfo ?? []).map((p) => `${p.name} ${(p.size / 1024).toFixed(0)} KB`).join(', ');
      console.log(`uploaded ${options.version} of ${deployment.appid} (env ${deployment.envId}) as robot ${options.robot}: ${size}`);
      console.log('next: mp.weixin.qq.com → 版本管理 → set it as 体验版, try it, then 提交审核');
      return { uploaded: true };
    }
    mkdirSync(path.join(root, 'release'), { recursive: true });
    const zip = path.join(root, 'release', `preview-${options.version}.zip`);
    const files = await ci.getCompiledResult({ project, version: options.version, setting: { useProjectConfig: true } }, zip);
    console.log(
      `preview build of ${options.version} (env ${deployment.envId}): ${Object.keys(files).length} files, ${(statSync(zip).size / 1024).toFixed(0)} KB → ${path.relative(root, zip)}`,
    );
    console.log(
      `not uploaded: ${KEY_VARIABLE} is not set. Download the upload key at mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传密钥, ` +
        `add this machine's IP to its whitelist, keep the key outside the repository, and run again with ${KEY_VARIABLE}=/path/to/private.${deployment.appid}.key`,
    );
    return { uploaded: false, zip };
  } finally {
    // DevTools keeps working on the developer's own generation.
    generate({ env });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  release(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
      console.error(`release: ${error instanceof ConfigError ? `configuration: ${error.message}` : (error?.message ?? error)}`);
      process.exit(1);
    },
  );
}
