import { ApiCallError, messageOf } from './api';

// How pages tell people what happened and where they go next: every toast, modal and navigation
// goes through here, so wording, durations and failure handling are the same on every page.

export function showError(error: unknown): void {
  wx.showToast({ title: messageOf(error), icon: 'none', duration: 2500 });
}

/** Does what a tap asked for; a failure is told with the server's message instead of thrown. */
export async function attempt(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    showError(error);
  }
}

export function showSuccess(title: string): void {
  wx.showToast({ title, icon: 'success' });
}

/**
 * Where a refusal is shown: under the field it names, when the form has that field (the answer,
 * to merge into the page's `fieldErrors`); in a toast otherwise (the answer is empty).
 */
export function showFieldError(error: unknown, fields: readonly string[]): Record<string, string> {
  if (error instanceof ApiCallError && error.field && fields.includes(error.field)) return { [error.field]: error.message };
  showError(error);
  return {};
}

/** A short hint about what to do first (a field left empty, a limit reached). */
export function showHint(text: string): void {
  wx.showToast({ title: text, icon: 'none', duration: 2000 });
}

/** A result that needs reading, with one button to close it. */
export function showNotice(title: string, content: string): void {
  wx.showModal({ title, content, showCancel: false });
}

/** Asks before an action that cannot be undone; resolves true only when the person confirms. */
export function confirmAction(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, success: ({ confirm }) => resolve(confirm), fail: () => resolve(false) });
  });
}

const NOT_YET_MESSAGE = '该功能即将开放';

/** Opens a page of a subpackage; a page another issue has not shipped yet says so instead of failing. */
export function openPage(url: string): void {
  wx.navigateTo({ url, fail: () => wx.showToast({ title: NOT_YET_MESSAGE, icon: 'none' }) });
}

/** Replaces this page with another (after a send or a bind, back should not return to the form). */
export function replacePage(url: string): void {
  wx.redirectTo({ url, fail: () => openPage(url) });
}

/** Calls a number the person was shown, from a tap (the phone asks before dialling). */
export function callPhone(phoneNumber: string): void {
  wx.makePhoneCall({ phoneNumber, fail: () => undefined });
}

/** Switches to one of the four tab pages. */
export function openTab(url: string): void {
  wx.switchTab({ url, fail: () => wx.showToast({ title: NOT_YET_MESSAGE, icon: 'none' }) });
}
