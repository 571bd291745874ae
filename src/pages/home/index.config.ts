export default definePageConfig({
  navigationBarTitleText: '文明创建'
})
