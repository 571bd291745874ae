export default definePageConfig({
  navigationBarTitleText: '半月信息报送统计'
})
