import { showHint } from './feedback';

// Files a person picks from a WeChat chat (wx.chooseMessageFile: the phone has no file browser for
// mini-programs), read as text.

/** Most bytes read from a chosen file: a roster of 10,000 households is far smaller. */
const MAX_BYTES = 1024 * 1024;

/** The text of a file the person picks (UTF-8), or null when they cancel or it cannot be read (they are told). */
export async function readChosenTextFile(extensions: string[]): Promise<string | null> {
  let file: { path: string; size: number };
  try {
    const { tempFiles } = await wx.chooseMessageFile({ count: 1, type: 'file', extension: extensions });
    file = tempFiles[0];
  } catch {
    return null; // cancelled: nothing to say
  }
  if (!file) return null;
  if (file.size > MAX_BYTES) {
    showHint('文件太大，请分成几个文件导入');
    return null;
  }
  try {
    const text = await new Promise<string>((resolve, reject) =>
      wx.getFileSystemManager().readFile({
        filePath: file.path,
        encoding: 'utf8',
        success: ({ data }) => resolve(String(data)),
        fail: reject,
      }),
    );
    return text;
  } catch {
    showHint('无法读取该文件，请另存为 UTF-8 编码的 CSV 后重试');
    return null;
  }
}
