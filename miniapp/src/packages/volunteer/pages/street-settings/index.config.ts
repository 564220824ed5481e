export default definePageConfig({ navigationBarTitleText: '街道通存通兑设置' });
