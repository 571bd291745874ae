export default definePageConfig({
  navigationBarTitleText: '整改通知'
})
