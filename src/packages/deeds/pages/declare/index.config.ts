export default definePageConfig({
  navigationBarTitleText: '申报善行'
})
