import type { ConfirmAnswer, ConfirmRequest, ReasonField } from '../components/confirm-dialog/confirm-dialog';
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
  // An item of a list field (`projects.2.title`) is shown under the list.
  const field = error instanceof ApiCallError ? error.field?.split('.')[0] : undefined;
  if (field && fields.includes(field)) return { [field]: (error as ApiCallError).message };
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

/** The page's `<confirm-dialog id="yz-confirm" />` (components/confirm-dialog), if it hosts one. */
function confirmDialog(): { ask(request: ConfirmRequest): Promise<ConfirmAnswer> } | null {
  const pages = getCurrentPages();
  const page = pages[pages.length - 1];
  const dialog = page?.selectComponent('#yz-confirm') as unknown as { ask?: (request: ConfirmRequest) => Promise<ConfirmAnswer> } | null;
  return dialog && typeof dialog.ask === 'function' ? (dialog as { ask(request: ConfirmRequest): Promise<ConfirmAnswer> }) : null;
}

/** Asks in the page's dialog; a page without one (a defect a test looks for) still asks, natively. */
function ask(request: ConfirmRequest): Promise<ConfirmAnswer> {
  const dialog = confirmDialog();
  if (dialog) return dialog.ask(request);
  console.error('confirm-dialog: this page hosts no <confirm-dialog id="yz-confirm" />');
  return new Promise((resolve) => {
    wx.showModal({
      title: request.title,
      content: request.content,
      editable: Boolean(request.reason),
      placeholderText: request.reason?.placeholder,
      success: ({ confirm, content }) => resolve({ confirmed: confirm, reason: (content ?? '').trim() }),
      fail: () => resolve({ confirmed: false, reason: '' }),
    });
  });
}

/** Asks before an action that cannot be undone; resolves true only when the person confirms. */
export async function confirmAction(
  title: string,
  content: string,
  options: { confirmText?: string; danger?: boolean } = {},
): Promise<boolean> {
  return (await ask({ title, content, ...options })).confirmed;
}

/** Asks for a short text in the dialog (a rejection's reason, an invitation code); resolves with it, or null when dismissed. */
export async function askText(
  title: string,
  content: string,
  field: ReasonField,
  options: { confirmText?: string; danger?: boolean } = {},
): Promise<string | null> {
  const answer = await ask({ title, content, reason: field, ...options });
  return answer.confirmed ? answer.reason : null;
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
