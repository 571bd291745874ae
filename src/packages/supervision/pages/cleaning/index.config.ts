export default definePageConfig({
  navigationBarTitleText: '保洁考核'
})
