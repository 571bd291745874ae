export default definePageConfig({
  navigationBarTitleText: '工作提示函'
})
