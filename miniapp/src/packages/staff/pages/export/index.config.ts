export default definePageConfig({ navigationBarTitleText: '导出花名册' });
