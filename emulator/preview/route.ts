// GET /preview/...: the browser preview of the mini-program (built by emulator/preview/build.mjs into
// emulator/dist/preview/). `mp/<path>` serves the mini-program's own images (tab icons, pictures).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HttpError } from '../http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};
const IMAGE = /\.(png|jpe?g|gif|svg|webp)$/i;

export function previewFile(root: string, pathname: string): { bytes: Buffer; contentType: string } {
  const name = decodeURIComponent(pathname.slice('/preview/'.length)) || 'index.html';
  if (name.split('/').some((part) => part === '..' || part.startsWith('.'))) throw new HttpError(404, 'not found');
  const file = name.startsWith('mp/')
    ? IMAGE.test(name) && path.join(root, 'miniprogram', name.slice(3))
    : !name.includes('/') && path.join(root, 'emulator', 'dist', 'preview', name);
  const type = TYPES[path.extname(name).toLowerCase()];
  if (!file || !type) throw new HttpError(404, `no preview file ${name}`);
  if (!existsSync(file)) {
    if (name === 'index.html' || name === 'app.js')
      throw new HttpError(503, 'the preview is not built: run npm run build (npm start builds it)');
    throw new HttpError(404, `no preview file ${name}`);
  }
  return { bytes: readFileSync(file), contentType: type };
}
