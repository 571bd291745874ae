export default definePageConfig({
  navigationBarTitleText: '红黑榜 · 流动红旗'
})
