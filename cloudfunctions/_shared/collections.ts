// The one import of collections.json in the functions. Bundles get the names only:
// scripts/build-functions.mjs leaves the index declarations out (the local cloud and
// `npm run cloud:schema` read the whole file).
import declaration from '../collections.json'

export type CollectionName = keyof typeof declaration.collections

/** Only names declared in collections.json compile, so every collection has its indexes declared. */
export const C = Object.fromEntries(Object.keys(declaration.collections).map((k) => [k, k])) as {
  [K in CollectionName]: K
}

/** The single town this deployment serves (the towns collection holds this one document). */
export const TOWN_ID = 'town'
