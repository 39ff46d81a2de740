export default definePageConfig({ navigationBarTitleText: '费用公示' });
