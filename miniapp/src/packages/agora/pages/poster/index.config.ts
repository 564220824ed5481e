export default definePageConfig({ navigationBarTitleText: '分享议题', enableShareAppMessage: true });
