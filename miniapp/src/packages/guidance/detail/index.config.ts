export default definePageConfig({ navigationBarTitleText: '检查指引' });
