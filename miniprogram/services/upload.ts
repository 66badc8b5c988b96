import { config } from './config';

// Photos a resident attaches: uploaded to cloud storage (the emulator's storage in local mode), kept
// by their file ID; shown from `cloud://` directly in CloudBase, through the emulator's URL locally.

/** Uploads one chosen file; resolves with its file ID. */
export function uploadPhoto(filePath: string, cloudPath: string): Promise<string> {
  if (config.mode === 'cloud') {
    return wx.cloud.uploadFile({ cloudPath, filePath }).then((res) => res.fileID);
  }
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${config.localGateway}/_emulator/storage/upload`,
      filePath,
      name: 'file',
      formData: { cloudPath },
      success: (res) => {
        try {
          resolve((JSON.parse(res.data) as { fileID: string }).fileID);
        } catch {
          reject(new Error('upload answered without a file ID'));
        }
      },
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

/** Where an image of a stored photo is loaded from. */
export function photoSource(fileID: string): string {
  // https pictures (and every file in a real environment) load as they are.
  if (config.mode === 'cloud' || !fileID.startsWith('cloud://')) return fileID;
  const cloudPath = fileID.replace(/^cloud:\/\/[^/]+\//, '');
  return `${config.localGateway}/_emulator/storage/${cloudPath}`;
}
