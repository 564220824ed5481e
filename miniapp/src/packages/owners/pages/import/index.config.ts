export default definePageConfig({ navigationBarTitleText: '导入不动产登记摘录' });
