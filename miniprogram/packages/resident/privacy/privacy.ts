import { PRIVACY_NOTICE_VERSION } from '../../../generated/contract';
import { call } from '../../../services/api';
import { config } from '../../../services/config';
import { definePage, runStep } from '../../../services/page';

// 个人信息保护指引: what the service keeps, why, how long, and the person's rights; agreeing records
// the version on the server (me.consent), so a new version asks again.

interface PrivacyData {
  version: string;
  committee: string;
  agreed: boolean;
  busy: boolean;
}

definePage({
  data: { version: PRIVACY_NOTICE_VERSION, committee: config.committee, agreed: false, busy: false } as PrivacyData,
  async firstScreen() {
    const me = await call('me.get', {});
    return { status: 'ready', agreed: me.privacyConsent === PRIVACY_NOTICE_VERSION };
  },
  methods: {
    async onAgree() {
      await runStep(this, () => call('me.consent', { version: PRIVACY_NOTICE_VERSION }), '已同意');
    },
  },
});
