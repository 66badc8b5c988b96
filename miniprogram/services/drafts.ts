// What a person has typed and not yet sent, kept on the phone until it is sent: an older resident who
// is called away, or whose send fails, finds the text again. The draft keeps its requestId, so sending
// it again after a lost answer can never send it twice.

/** A draft older than this is not offered again. */
const DRAFT_DAYS = 30;

interface Stored<T> {
  savedAt: number;
  value: T;
}

export function loadDraft<T>(key: string): T | null {
  const stored = wx.getStorageSync(`draft:${key}`) as Stored<T> | '';
  if (!stored || Date.now() - stored.savedAt > DRAFT_DAYS * 24 * 3600 * 1000) return null;
  return stored.value;
}

export function saveDraft<T>(key: string, value: T): void {
  wx.setStorageSync(`draft:${key}`, { savedAt: Date.now(), value } satisfies Stored<T>);
}

export function clearDraft(key: string): void {
  wx.removeStorageSync(`draft:${key}`);
}
