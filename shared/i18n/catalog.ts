/** A tree of UI strings, as i18next reads it. */
export interface Catalog {
  readonly [key: string]: string | Catalog;
}
