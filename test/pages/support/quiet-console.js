// Two known, harmless messages of the real H5 components under jsdom: the input's value
// watcher firing before its inner <input> exists, and a vendor-prefixed style name.
const original = console.error
const known = [/reading 'value'/, /Unsupported style property/]
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args) => {
    const text = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')
    if (known.some((pattern) => pattern.test(text))) return
    original(...args)
  })
})
afterAll(() => {
  console.error.mockRestore?.()
})
