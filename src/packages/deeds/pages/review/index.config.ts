export default definePageConfig({
  navigationBarTitleText: '善行审核'
})
