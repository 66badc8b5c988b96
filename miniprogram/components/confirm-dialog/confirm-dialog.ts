// The one way a page asks before an action that cannot be undone (TDesign's dialog, so it reads like
// the rest of the page and follows 关怀模式), optionally with a reason the person types (a rejection
// says why). Every page that confirms hosts one `<confirm-dialog id="yz-confirm" />`;
// services/feedback.ts opens it. A test checks that every page that confirms hosts it.

export interface ReasonField {
  /** What the field asks for, read by screen readers (e.g. 驳回理由). */
  label: string;
  placeholder: string;
  maxLength: number;
  /** Fewer characters are refused under the field and the dialog stays open (0: may be left empty). */
  minLength: number;
}

export interface ConfirmRequest {
  title: string;
  content: string;
  confirmText?: string;
  /** Red confirm button: the action removes or refuses something. */
  danger?: boolean;
  reason?: ReasonField;
}

export interface ConfirmAnswer {
  confirmed: boolean;
  /** What the person typed (trimmed), when the dialog asked for a reason. */
  reason: string;
}

type Settle = (answer: ConfirmAnswer) => void;

// Open questions by number, outside the component: a method called through selectComponent and an
// event handler do not always see the same `this`, but both read the same data.
const pending = new Map<number, Settle>();
let lastQuestion = 0;

Component({
  data: {
    visible: false,
    /** The open question's number in `pending` (0: none). */
    question: 0,
    title: '',
    content: '',
    confirmText: '确定',
    danger: false,
    reason: null as ReasonField | null,
    reasonText: '',
    reasonError: '',
  },
  methods: {
    /** Shows the question; resolves when the person confirms or dismisses it (cancel, the overlay). */
    ask(request: ConfirmRequest): Promise<ConfirmAnswer> {
      // A question still open is answered "no" first: two taps must not leave a promise hanging.
      this.settle({ confirmed: false, reason: '' });
      return new Promise<ConfirmAnswer>((resolve) => {
        lastQuestion += 1;
        pending.set(lastQuestion, resolve);
        this.setData({
          visible: true,
          question: lastQuestion,
          title: request.title,
          content: request.content,
          confirmText: request.confirmText ?? '确定',
          danger: request.danger ?? false,
          reason: request.reason ?? null,
          reasonText: '',
          reasonError: '',
        });
      });
    },
    onReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reasonText: event.detail.value, reasonError: '' });
    },
    onConfirm() {
      const reason = this.data.reasonText.trim();
      const field = this.data.reason;
      if (field && reason.length < field.minLength) {
        this.setData({
          reasonError: field.minLength === 1 || !reason ? `请填写${field.label}` : `${field.label}至少 ${field.minLength} 个字`,
        });
        return;
      }
      this.settle({ confirmed: true, reason });
    },
    onCancel() {
      this.settle({ confirmed: false, reason: '' });
    },
    settle(answer: ConfirmAnswer) {
      const settle = pending.get(this.data.question);
      pending.delete(this.data.question);
      if (this.data.visible) this.setData({ visible: false, question: 0 });
      settle?.(answer);
    },
  },
});
