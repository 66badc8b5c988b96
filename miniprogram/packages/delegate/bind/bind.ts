import { call, messageOf } from '../../../services/api';
import { replacePage, showSuccess } from '../../../services/feedback';
import { routes } from '../../../services/routes';
import { requestSubscriptions } from '../../../services/subscriptions';
import { definePage } from '../../../services/page';

// 绑定代表身份: the delegate types the one-time code the committee gave them; from then on this
// WeChat account is that delegate. The server decides everything; the page only shows its answer.

interface BindData {
  code: string;
  binding: boolean;
  errorText: string;
  boundName: string;
}

definePage({
  data: { code: '', binding: false, errorText: '', boundName: '' } as BindData,
  methods: {
    onInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value.toUpperCase(), errorText: '' });
    },
    async onBind() {
      const { code, binding } = this.data;
      if (binding) return;
      if (!code.trim()) {
        this.setData({ errorText: '请输入绑定码' });
        return;
      }
      this.setData({ binding: true, errorText: '' });
      // Asked from the tap, before binding: a delegate wants to hear about new messages.
      await requestSubscriptions(['newMessage', 'reminder']);
      try {
        const { name } = await call('delegates.bind', { code });
        this.setData({ boundName: name });
        showSuccess('绑定成功');
      } catch (error) {
        this.setData({ errorText: messageOf(error) });
      } finally {
        this.setData({ binding: false });
      }
    },
    onOpenWorkbench() {
      replacePage(routes.workbench);
    },
  },
});
