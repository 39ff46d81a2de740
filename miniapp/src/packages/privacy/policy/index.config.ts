import { zhCN } from '../../../i18n/zh-CN';

// The static title before the page sets its own (in the reader's language) through PageShell.
export default definePageConfig({ navigationBarTitleText: zhCN['privacy.policyTitle'] });
