export default definePageConfig({ navigationBarTitleText: '民生微实事管理' });
