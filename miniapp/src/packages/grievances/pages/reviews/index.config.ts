export default definePageConfig({ navigationBarTitleText: '待人工复核', enablePullDownRefresh: true });
