export default definePageConfig({ navigationBarTitleText: '工作人员开通' });
