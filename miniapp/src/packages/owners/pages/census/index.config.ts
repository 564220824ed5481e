export default definePageConfig({ navigationBarTitleText: '核对我的业主信息' });
