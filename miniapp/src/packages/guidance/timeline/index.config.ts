export default definePageConfig({ navigationBarTitleText: '检查当天安排' });
