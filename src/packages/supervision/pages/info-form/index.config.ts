export default definePageConfig({
  navigationBarTitleText: '报送信息'
})
