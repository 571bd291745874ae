/** `visit-form` → `visitForm`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S

export type PageRoutes<P extends readonly string[]> = { readonly [K in P[number] as CamelCase<K>]: string }

/**
 * Pages of a subpackage, for navigateTo: each page folder under `/packages/<subpackage>/pages`,
 * keyed by its name in camelCase (`visit-form` → `visitForm: '/packages/supervision/pages/visit-form/index'`).
 */
export function subpackagePages<const P extends readonly string[]>(subpackage: string, pages: P): PageRoutes<P> {
  const camel = (page: string) => page.replace(/-(\w)/g, (_dash, letter: string) => letter.toUpperCase())
  return Object.fromEntries(pages.map((page) => [camel(page), `/packages/${subpackage}/pages/${page}/index`])) as PageRoutes<P>
}
