// Cloud storage, enough for the function's uploadFile / getTempFileURL / deleteFile through
// wx-server-sdk and for the mini-program's uploads in local mode. Files live in memory, or under the
// data folder when the emulator persists; they are served under /_emulator/storage/<cloudPath>.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const BUCKET = 'cloud://emulator.emulator-bucket/';
const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
};

export const contentTypeOf = (cloudPath: string) => TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';

/** A cloud path is relative, without `..`: it becomes a file under the storage folder. */
export function validCloudPath(cloudPath: string): boolean {
  return (
    Boolean(cloudPath) &&
    cloudPath.length <= 512 &&
    !cloudPath.startsWith('/') &&
    !cloudPath.split('/').some((part) => part === '..' || part === '')
  );
}

export function createStorage(options: { dataDir?: string; publicUrl: () => string }) {
  const memory = new Map<string, Buffer>();
  const fileOf = (cloudPath: string) => path.join(options.dataDir!, cloudPath);

  const storage = {
    fileId: (cloudPath: string) => `${BUCKET}${cloudPath}`,
    read(cloudPath: string): Buffer | undefined {
      if (!validCloudPath(cloudPath)) return undefined;
      if (!options.dataDir) return memory.get(cloudPath);
      return existsSync(fileOf(cloudPath)) ? readFileSync(fileOf(cloudPath)) : undefined;
    },
    write(cloudPath: string, bytes: Buffer): string {
      if (!validCloudPath(cloudPath)) throw new Error(`invalid cloud path ${cloudPath}`);
      if (!options.dataDir) memory.set(cloudPath, bytes);
      else {
        mkdirSync(path.dirname(fileOf(cloudPath)), { recursive: true });
        writeFileSync(fileOf(cloudPath), bytes);
      }
      return storage.fileId(cloudPath);
    },
    remove(cloudPath: string): boolean {
      if (storage.read(cloudPath) === undefined) return false;
      if (!options.dataDir) memory.delete(cloudPath);
      else rmSync(fileOf(cloudPath));
      return true;
    },
    url: (cloudPath: string) => `${options.publicUrl()}/_emulator/storage/${cloudPath.split('/').map(encodeURIComponent).join('/')}`,

    /** The storage wire actions wx-server-sdk sends to /admin. */
    handle(action: string, body: Record<string, unknown>): Record<string, unknown> {
      const requestId = `storage-${Date.now().toString(16)}`;
      const pathOf = (fileId: unknown) => (typeof fileId === 'string' && fileId.startsWith(BUCKET) ? fileId.slice(BUCKET.length) : '');
      const list = Array.isArray(body.file_list)
        ? (body.file_list as unknown[])
        : Array.isArray(body.fileid_list)
          ? (body.fileid_list as unknown[])
          : [];
      if (action === 'storage.getUploadMetadata') {
        const cloudPath = typeof body.path === 'string' ? body.path : '';
        if (!validCloudPath(cloudPath)) return { code: 'INVALID_PARAM', message: `invalid cloudPath ${cloudPath}`, requestId };
        return {
          data: {
            url: storage.url(cloudPath),
            token: 'emulator',
            authorization: 'emulator',
            fileId: storage.fileId(cloudPath),
            cosFileId: cloudPath,
          },
          requestId,
        };
      }
      if (action === 'storage.batchGetDownloadUrl') {
        const download_list = list.map((item) => {
          const fileID = typeof item === 'string' ? item : ((item as { fileid?: string }).fileid ?? '');
          const cloudPath = pathOf(fileID);
          return storage.read(cloudPath) === undefined
            ? { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
            : { fileID, tempFileURL: storage.url(cloudPath), code: 'SUCCESS', maxAge: 86_400 };
        });
        return { data: { download_list }, requestId };
      }
      if (action === 'storage.batchDeleteFile') {
        const delete_list = list.map((fileID) => ({ fileID, code: storage.remove(pathOf(fileID)) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' }));
        return { data: { delete_list }, requestId };
      }
      return { code: 'INVALID_ACTION', message: `[InvalidAction] action ${JSON.stringify(action)} is not supported`, requestId };
    },
  };
  return storage;
}

export type Storage = ReturnType<typeof createStorage>;
