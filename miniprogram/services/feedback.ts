import { messageOf } from './api';

// How pages tell people what happened. Toasts carry the server's Chinese message as it is.

export function showError(error: unknown): void {
  wx.showToast({ title: messageOf(error), icon: 'none', duration: 2500 });
}

export function showSuccess(title: string): void {
  wx.showToast({ title, icon: 'success' });
}

const NOT_YET_MESSAGE = '该功能即将开放';

/** Opens a page of a subpackage; a page another issue has not shipped yet says so instead of failing. */
export function openPage(url: string): void {
  wx.navigateTo({ url, fail: () => wx.showToast({ title: NOT_YET_MESSAGE, icon: 'none' }) });
}

/** Switches to one of the four tab pages. */
export function openTab(url: string): void {
  wx.switchTab({ url, fail: () => wx.showToast({ title: NOT_YET_MESSAGE, icon: 'none' }) });
}
